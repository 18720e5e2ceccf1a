import JSON
import KaiAPI
import Testing

/// Decoding Channels the cache holds as JSON: defaults, and errors that name the field.
@Suite struct ChannelDecodingTests {
    @Test func aRoundTripKeepsEveryField() throws {
        let original = ChannelExamples.fullyPopulated
        let decoded = try Channel.decode(try JSONValue(encoding: original))
        #expect(decoded == original)
    }

    @Test func aFieldOfTheWrongTypeIsNamed() {
        let object: JSONValue = ["apiVersion": "kai.dev/v1alpha1", "kind": "Channel", "metadata": ["name": "c"],
                                 "spec": ["displayName": "a", "kernel": ["temperature": "hot"]]]
        #expect(throws: ChannelValidationError(field: "spec.kernel.temperature", message: "expected a number")) {
            try Channel.decode(object)
        }
    }

    @Test func aMissingRequiredFieldIsNamed() {
        let object: JSONValue = ["apiVersion": "kai.dev/v1alpha1", "kind": "Channel", "metadata": ["name": "c"], "spec": ["description": "x"]]
        #expect(throws: ChannelValidationError(field: "spec.displayName", message: "required field is missing")) {
            try Channel.decode(object)
        }
    }

    @Test func anArrayElementOfTheWrongTypeIsNamedWithItsIndex() throws {
        let object: JSONValue = ["apiVersion": "kai.dev/v1alpha1", "kind": "Channel", "metadata": ["name": "c"],
                                 "spec": ["displayName": "a", "kernel": ["enabledPlugins": ["a", 3]]]]
        let error = try #require(throws: ChannelValidationError.self) { try Channel.decode(object) }
        #expect(error.field == "spec.kernel.enabledPlugins[1]")
        #expect(error.message == "expected a string")
    }

    @Test func theRetryRuleIsChecked() throws {
        let spec = ChannelSpec(displayName: "a", retry: ChannelRetrySpec(maxRetries: 1, initialDelaySeconds: 10, maxDelaySeconds: 5))
        #expect(spec.validationErrors() == [ChannelValidationError(field: "spec.retry",
                                                                   message: "maxDelaySeconds must be at least initialDelaySeconds")])
    }

    @Test func aValidSpecHasNoErrors() {
        #expect(ChannelExamples.fullyPopulated.spec.validationErrors().isEmpty)
        #expect(ChannelSpec(displayName: "x").validationErrors().isEmpty)
    }

    @Test func aNonObjectConfigIsReported() {
        let spec = ChannelSpec(displayName: "a", config: ["a", "b"])
        #expect(spec.validationErrors().map(\.field) == ["spec.config"])
    }
}
