import JSON
@testable import KubeReconcile
import Testing

struct MergePatchTests {
    @Test func onlyChangedMembersAreSentAndRemovedOnesAreNull() {
        let old: JSONValue = ["a": 1, "b": ["c": 1, "d": 2], "gone": "x", "list": [1, 2]]
        let new: JSONValue = ["a": 1, "b": ["c": 1, "d": 3], "list": [1], "added": true]
        #expect(MergePatch.diff(from: old, to: new) == ["b": ["d": 3], "gone": .null, "list": [1], "added": true])
    }

    @Test func equalValuesNeedNoPatch() {
        let value: JSONValue = ["a": ["b": [1, 2]]]
        #expect(MergePatch.diff(from: value, to: value) == nil)
    }

    @Test func aScalarReplacingAnObjectIsSentWhole() {
        #expect(MergePatch.diff(from: ["a": ["b": 1]], to: ["a": 5]) == ["a": 5])
        #expect(MergePatch.diff(from: nil, to: ["a": 1]) == ["a": 1])
    }

    @Test func applyingADiffTurnsTheOldValueIntoTheNewOne() {
        let old: JSONValue = ["a": 1, "b": ["c": 1, "d": 2], "gone": "x", "list": [1, 2], "other": "kept"]
        let new: JSONValue = ["a": 1, "b": ["c": 1, "d": 3], "list": [1], "added": ["deep": true], "other": "kept"]
        let patch = MergePatch.diff(from: old, to: new) ?? .emptyObject
        #expect(MergePatch.apply(patch, to: old) == new)
        #expect(MergePatch.apply(["x": ["y": .null]], to: nil) == ["x": [:]])
    }
}
