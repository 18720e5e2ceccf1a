import JSON
import KubeSchema
import Testing

/// `CRDValidation` on whole CustomResourceDefinition objects.
@Suite struct CRDValidationTests {
    func crd(_ edit: (inout JSONValue) throws -> Void = { _ in }) throws -> JSONValue {
        var value = try Fixtures.json(ChannelCRD.text)
        try edit(&value)
        return value
    }

    func errors(_ edit: (inout JSONValue) throws -> Void) throws -> [String] {
        CRDValidation.validate(try crd(edit)).map(\.description)
    }

    @Test func realisticCRDIsAccepted() throws {
        #expect(CRDValidation.validate(try crd()).isEmpty)
    }

    @Test func realisticCRDSchemaWorksEndToEnd() throws {
        let schema = try #require(try StructuralSchema(crd: try crd(), version: "v1alpha1"))
        var channel = try Fixtures.json("""
        {"apiVersion": "kai.dev/v1alpha1", "kind": "Channel", "metadata": {"name": "support", "namespace": "team-a"},
         "spec": {"displayName": "Support", "config": {"theme": {"color": "blue"}}, "kernel": {"temperature": 1.2},
                  "kernelAPI": {"authSecretRef": {"name": "kernel-token"}}, "legacy": true}}
        """)
        #expect(schema.prune(&channel) == ["spec.legacy"])
        schema.applyDefaults(to: &channel)
        #expect(channel[path: "spec", "kernel"] == ["temperature": 1.2, "modelID": "gpt-4", "enabledPlugins": ["YouTubePlugin"]])
        #expect(channel[path: "spec", "retry"] == ["maxRetries": 5, "initialDelaySeconds": 3, "maxDelaySeconds": 300])
        #expect(channel[path: "spec", "kernelAPI", "authSecretRef", "key"] == "token")
        #expect(channel[path: "spec", "config"] == ["theme": ["color": "blue"]])
        #expect(channel[path: "status", "observedGeneration"] == -1)
        #expect(schema.validate(channel).isEmpty)
        #expect(schema.celRules.map(\.path) == ["spec"])
        #expect(schema.listType(at: ["status", "conditions"]) == .map(keys: ["type"]))
        #expect(schema.listType(at: ["spec", "kernel", "enabledPlugins"]) == .set)
        #expect(schema.listType(at: ["status", "kernel", "plugins"]) == .atomic)
        #expect(schema.isAtomicMap(at: ["spec", "kernelAPI", "authSecretRef"]))
        #expect(!schema.isAtomicMap(at: ["spec", "kernel"]))
        #expect(schema.subschema(at: ["status", "conditions", "status"])?.enumValues == ["True", "False", "Unknown"])
        #expect(schema.subschema(at: ["status", "kernel", "plugins", "functions"])?.type == "array")
        #expect(schema.subschema(at: ["spec", "nope"]) == nil)
        #expect(schema.subschema(at: ["spec", "config", "anything"]) == nil)

        var bad = channel
        bad[path: "spec", "kernel", "temperature"] = 3
        bad[path: "spec", "displayName"] = ""
        #expect(schema.validate(bad).map(\.description) == [
            "spec.displayName: Invalid value: \"\": spec.displayName in body should be at least 1 chars long",
            "spec.kernel.temperature: Invalid value: 3: spec.kernel.temperature in body should be less than or equal to 2",
        ])
    }

    @Test func singleVersionSchemasAreReportedAtTheTopLevel() throws {
        // Identical per-version schemas move to spec.validation in the server's internal version.
        let errors = try errors { $0[keyPath: ["spec", "versions"]] = try Self.versions($0, edit: { v in
            v[keyPath: ["schema", "openAPIV3Schema", "properties", "spec", "properties", "userID", "type"]] = nil
        }) }
        #expect(errors == ["spec.validation.openAPIV3Schema.properties[spec].properties[userID].type: Required value: must not be empty for specified object fields"])
    }

    @Test func differingVersionSchemasAreReportedPerVersion() throws {
        let errors = try errors { crd in
            guard var first = crd[keyPath: ["spec", "versions"]]?[0] else { return }
            var second = first
            second["name"] = "v1alpha2"
            second["storage"] = false
            second[keyPath: ["schema", "openAPIV3Schema", "properties", "spec", "properties", "userID", "type"]] = nil
            first["storage"] = true
            crd[keyPath: ["spec", "versions"]] = [first, second]
        }
        #expect(errors == ["spec.versions[1].schema.openAPIV3Schema.properties[spec].properties[userID].type: Required value: must not be empty for specified object fields"])
    }

    static func versions(_ crd: JSONValue, edit: (inout JSONValue) -> Void) throws -> JSONValue {
        var first = try #require(crd[keyPath: ["spec", "versions"]]?[0])
        edit(&first)
        return [first]
    }

    @Test func metadataNameMustBePluralDotGroup() throws {
        #expect(try errors { $0[keyPath: ["metadata", "name"]] = "channel.kai.dev" }
                == [#"metadata.name: Invalid value: "channel.kai.dev": must be spec.names.plural+"."+spec.group"#])
        #expect(try errors { $0[keyPath: ["metadata", "name"]] = nil }
                == ["metadata.name: Required value: name or generateName is required"])
    }

    @Test func groupAndScope() throws {
        #expect(try errors {
            $0[keyPath: ["spec", "group"]] = "kai"
            $0[keyPath: ["metadata", "name"]] = "channels.kai"
        } == [#"spec.group: Invalid value: "kai": should be a domain with at least one dot"#])
        #expect(try errors { $0[keyPath: ["spec", "scope"]] = "Global" }
                == [#"spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced""#])
        #expect(try errors { $0[keyPath: ["spec", "scope"]] = nil } == ["spec.scope: Required value"])
    }

    @Test func names() throws {
        #expect(try errors {
            $0[keyPath: ["spec", "names", "plural"]] = "Channels"
            $0[keyPath: ["metadata", "name"]] = "Channels.kai.dev"
        } == [
            #"metadata.name: Invalid value: "Channels.kai.dev": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#,
            #"spec.names.plural: Invalid value: "Channels": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"#,
        ])
        #expect(try errors { $0[keyPath: ["spec", "names", "kind"]] = nil } == ["spec.names.kind: Required value"])
        // singular and listKind are defaulted from kind by the v1 API.
        #expect(try errors {
            $0[keyPath: ["spec", "names", "singular"]] = nil
            $0[keyPath: ["spec", "names", "listKind"]] = nil
        }.isEmpty)
        #expect(try errors { $0[keyPath: ["spec", "names", "listKind"]] = "Channel" }
                == [#"spec.names.listKind: Invalid value: "Channel": kind and listKind may not be the same"#])
        #expect(try errors { $0[keyPath: ["spec", "names", "shortNames"]] = ["k_ch"] }.first?
                .hasPrefix(#"spec.names.shortNames[0]: Invalid value: "k_ch": a DNS-1035 label"#) == true)
    }

    @Test func exactlyOneStorageVersion() throws {
        let errors = try errors { crd in
            crd[keyPath: ["spec", "versions"]] = try Self.versions(crd, edit: { $0["storage"] = false })
        }
        #expect(errors.count == 2)
        #expect(errors.first?.hasPrefix("spec.versions: Invalid value: [") == true)
        #expect(errors.first?.hasSuffix("]: must have exactly one version marked as storage version") == true)
        #expect(errors.last == "status.storedVersions: Invalid value: null: must have at least one stored version")
    }

    @Test func versionsNeedSchemasAndUniqueNames() throws {
        #expect(try errors { crd in
            crd[keyPath: ["spec", "versions"]] = try Self.versions(crd, edit: { $0["schema"] = nil })
        } == ["spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required"])
        let duplicate = try errors { crd in
            guard let first = crd[keyPath: ["spec", "versions"]]?[0] else { return }
            var second = first
            second["storage"] = false
            crd[keyPath: ["spec", "versions"]] = [first, second]
        }
        #expect(duplicate.count == 1)
        #expect(duplicate.first?.hasSuffix("must contain unique version names") == true)
    }

    @Test func printerColumns() throws {
        let errors = try errors { crd in
            crd[keyPath: ["spec", "versions"]] = try Self.versions(crd, edit: {
                $0["additionalPrinterColumns"] = [["name": "Size", "type": "int", "jsonPath": "spec.size"], ["type": "string", "jsonPath": ".a", "format": "hex"]]
            })
        }
        #expect(errors == [
            #"spec.additionalPrinterColumns[0].type: Invalid value: "int": must be one of boolean,date,integer,number,string"#,
            #"spec.additionalPrinterColumns[0].JSONPath: Invalid value: "spec.size": must be a simple json path starting with ."#,
            "spec.additionalPrinterColumns[1].name: Required value",
            #"spec.additionalPrinterColumns[1].format: Invalid value: "hex": must be one of byte,date,date-time,double,float,int32,int64,password"#,
        ])
    }

    @Test func statusSubresourceRestrictsTheRoot() throws {
        let errors = try errors { crd in
            crd[keyPath: ["spec", "versions"]] = try Self.versions(crd, edit: {
                $0[keyPath: ["schema", "openAPIV3Schema", "minProperties"]] = 1
            })
        }
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("spec.validation.openAPIV3Schema: Invalid value: {") == true)
        #expect(errors.first?.hasSuffix(": only [Description Type Format Title Maximum ExclusiveMaximum Minimum ExclusiveMinimum MaxLength MinLength Pattern MaxItems MinItems UniqueItems MultipleOf Required Items Properties ExternalDocs Example XPreserveUnknownFields XValidations] fields are allowed at the root of the schema if the status subresource is enabled") == true)
        // Without the status subresource the same root is fine.
        #expect(try self.errors { crd in
            crd[keyPath: ["spec", "versions"]] = try Self.versions(crd, edit: {
                $0[keyPath: ["schema", "openAPIV3Schema", "minProperties"]] = 1
                $0["subresources"] = nil
            })
        }.isEmpty)
    }

    @Test func scaleSubresourcePaths() throws {
        #expect(try errors { crd in
            crd[keyPath: ["spec", "versions"]] = try Self.versions(crd, edit: {
                $0[keyPath: ["subresources", "scale"]] = ["specReplicasPath": ".status.replicas", "statusReplicasPath": "status.replicas"]
            })
        } == [
            #"spec.subresources.scale.specReplicasPath: Invalid value: ".status.replicas": should be a json path under .spec"#,
            #"spec.subresources.scale.statusReplicasPath: Invalid value: "status.replicas": must be a simple json path starting with ."#,
        ])
    }

    @Test func protectedGroupsNeedApproval() throws {
        func renamed(_ crd: inout JSONValue) {
            crd[keyPath: ["spec", "group"]] = "kai.k8s.io"
            crd[keyPath: ["metadata", "name"]] = "channels.kai.k8s.io"
        }
        #expect(try errors(renamed) == [#"metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111"#])
        #expect(try errors {
            renamed(&$0)
            $0[keyPath: ["metadata", "annotations", "api-approved.kubernetes.io"]] = "https://github.com/kubernetes/kubernetes/pull/1"
        }.isEmpty)
        #expect(try errors {
            renamed(&$0)
            $0[keyPath: ["metadata", "annotations", "api-approved.kubernetes.io"]] = "unapproved, experimental"
        }.isEmpty)
    }

    @Test func preserveUnknownFieldsIsRefused() throws {
        #expect(try errors { $0[keyPath: ["spec", "preserveUnknownFields"]] = true } == [
            "spec.preserveUnknownFields: Invalid value: true: must be false in order to use defaults in the schema",
            "spec.preserveUnknownFields: Invalid value: true: cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead",
        ])
    }

    @Test func conversion() throws {
        #expect(try errors { $0[keyPath: ["spec", "conversion"]] = ["strategy": "Webhook"] }
                == ["spec.conversion.webhookClientConfig: Required value: required when strategy is set to Webhook",
                    "spec.conversion.conversionReviewVersions: Required value"])
        #expect(try errors { $0[keyPath: ["spec", "conversion"]] = ["strategy": "None"] }.isEmpty)
        #expect(try errors {
            $0[keyPath: ["spec", "conversion"]] = ["strategy": "Webhook", "webhook": [
                "clientConfig": ["service": ["name": "kai", "namespace": "kai-system", "path": "convert", "port": 0]],
                "conversionReviewVersions": ["v2"]]]
        } == [
            "spec.conversion.webhookClientConfig.service.port: Invalid value: 0: port is not valid: must be between 1 and 65535, inclusive",
            #"spec.conversion.webhookClientConfig.service.path: Invalid value: "convert": must start with a '/'"#,
            #"spec.conversion.conversionReviewVersions: Invalid value: ["v2"]: must include at least one of v1, v1beta1"#,
        ])
        #expect(try errors {
            $0[keyPath: ["spec", "conversion"]] = ["strategy": "Webhook", "webhook": [
                "clientConfig": ["url": "http://example.com/convert?x=1"], "conversionReviewVersions": ["v1"]]]
        } == [
            #"spec.conversion.webhookClientConfig.url: Invalid value: "http://example.com/convert?x=1": 'https' is the only allowed URL scheme"#,
            #"spec.conversion.webhookClientConfig.url: Invalid value: "http://example.com/convert?x=1": query parameters are not permitted in the URL"#,
        ])
    }

    @Test func wrongFieldTypesAreDecodeErrors() throws {
        let errors = try errors { $0[keyPath: ["spec", "versions"]] = "v1" }
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix(#"spec.versions: Invalid value: "v1": cannot unmarshal string"#) == true)
    }

    @Test func updatesKeepGroupAndPluralImmutable() throws {
        let old = try crd { $0[keyPath: ["status"]] = ["storedVersions": ["v1alpha1"], "conditions": [["type": "Established", "status": "True"]]] }
        #expect(CRDValidation.validateUpdate(old: old, new: old).isEmpty)
        var new = old
        new[keyPath: ["spec", "names", "plural"]] = "chans"
        new[keyPath: ["metadata", "name"]] = "chans.kai.dev"
        new[keyPath: ["spec", "scope"]] = "Cluster"
        #expect(CRDValidation.validateUpdate(old: old, new: new).map(\.description) == [
            #"spec.scope: Invalid value: "Cluster": field is immutable"#,
            #"spec.names.plural: Invalid value: "chans": field is immutable"#,
        ])
    }

    @Test func removingAStoredVersionIsRefused() throws {
        let old = try crd { $0[keyPath: ["status"]] = ["storedVersions": ["v1alpha0", "v1alpha1"]] }
        let errors = CRDValidation.validateUpdate(old: old, new: old).map(\.description)
        #expect(errors == [#"status.storedVersions[0]: Invalid value: "v1alpha0": missing from spec.versions; v1alpha0 was previously a storage version, and must remain in spec.versions until a storage migration ensures no data remains persisted in v1alpha0 and removes v1alpha0 from status.storedVersions"#])
    }

    @Test func schemaErrorsThrowFromTheCRDInitializer() throws {
        let broken = try crd { crd in
            crd[keyPath: ["spec", "versions"]] = try Self.versions(crd, edit: {
                $0[keyPath: ["schema", "openAPIV3Schema", "properties", "status", "default"]] = ["bogus": 1]
            })
        }
        #expect(throws: SchemaError.self) { _ = try StructuralSchema(crd: broken, version: "v1alpha1") }
        #expect(CRDValidation.validate(broken).map(\.description)
                == [#"spec.validation.openAPIV3Schema.properties[status].default: Invalid value: {"bogus":1}: must not have unknown fields"#])
    }
}
