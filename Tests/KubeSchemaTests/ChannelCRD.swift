/// A CRD shaped like the project's `crds/kai.dev_channels.yaml` (JSON form), following
/// /work/shared/design/api-v1alpha1.md: defaults, a free-form config, conditions as a
/// list-map, printer columns, the status subresource.
enum ChannelCRD {
    static let text = """
    {
      "apiVersion": "apiextensions.k8s.io/v1",
      "kind": "CustomResourceDefinition",
      "metadata": {"name": "channels.kai.dev", "annotations": {"controller-gen.kubebuilder.io/version": "v0.16.0"}},
      "spec": {
        "group": "kai.dev",
        "scope": "Namespaced",
        "names": {"plural": "channels", "singular": "channel", "kind": "Channel", "listKind": "ChannelList",
                  "shortNames": ["kch"], "categories": ["kai"]},
        "versions": [{
          "name": "v1alpha1",
          "served": true,
          "storage": true,
          "subresources": {"status": {}},
          "additionalPrinterColumns": [
            {"name": "Kernel", "type": "string", "jsonPath": ".status.kernelStatus"},
            {"name": "Collection", "type": "string", "jsonPath": ".status.qdrantCollectionStatus"},
            {"name": "Retries", "type": "integer", "jsonPath": ".status.retryCount"},
            {"name": "Ready", "type": "string", "jsonPath": ".status.conditions[?(@.type==\\"Ready\\")].status"},
            {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}
          ],
          "schema": {"openAPIV3Schema": {
            "description": "A channel of the RAG widget, backed by a kernel in the kernel API.",
            "type": "object",
            "properties": {
              "apiVersion": {"type": "string"},
              "kind": {"type": "string"},
              "metadata": {"type": "object"},
              "spec": {
                "type": "object",
                "required": ["displayName"],
                "properties": {
                  "displayName": {"type": "string", "minLength": 1, "maxLength": 255},
                  "description": {"type": "string"},
                  "userID": {"type": "string"},
                  "config": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
                  "kernel": {
                    "type": "object",
                    "default": {},
                    "properties": {
                      "modelID": {"type": "string", "default": "gpt-4"},
                      "temperature": {"type": "number", "minimum": 0, "maximum": 2, "default": 0.7},
                      "maxTokens": {"type": "integer", "format": "int32", "minimum": 1},
                      "embeddingModelID": {"type": "string"},
                      "enabledPlugins": {"type": "array", "items": {"type": "string"}, "default": ["YouTubePlugin"],
                                         "x-kubernetes-list-type": "set"}
                    }
                  },
                  "kernelAPI": {
                    "type": "object",
                    "properties": {
                      "url": {"type": "string", "format": "uri"},
                      "authSecretRef": {
                        "type": "object",
                        "required": ["name"],
                        "properties": {"name": {"type": "string"}, "key": {"type": "string", "default": "token"}},
                        "x-kubernetes-map-type": "atomic"
                      }
                    }
                  },
                  "retry": {
                    "type": "object",
                    "default": {},
                    "properties": {
                      "maxRetries": {"type": "integer", "minimum": 0, "default": 5},
                      "initialDelaySeconds": {"type": "integer", "minimum": 1, "default": 3},
                      "maxDelaySeconds": {"type": "integer", "default": 300}
                    }
                  },
                  "creatingTimeoutSeconds": {"type": "integer", "default": 300},
                  "resyncIntervalSeconds": {"type": "integer", "default": 600},
                  "suspend": {"type": "boolean", "default": false}
                },
                "x-kubernetes-validations": [
                  {"rule": "!has(self.retry) || self.retry.maxDelaySeconds >= self.retry.initialDelaySeconds",
                   "message": "retry.maxDelaySeconds must not be below retry.initialDelaySeconds", "fieldPath": ".retry"}
                ]
              },
              "status": {
                "type": "object",
                "default": {"observedGeneration": -1},
                "properties": {
                  "observedGeneration": {"type": "integer", "format": "int64"},
                  "conditions": {
                    "type": "array",
                    "x-kubernetes-list-type": "map",
                    "x-kubernetes-list-map-keys": ["type"],
                    "items": {
                      "type": "object",
                      "required": ["lastTransitionTime", "message", "reason", "status", "type"],
                      "properties": {
                        "lastTransitionTime": {"type": "string", "format": "date-time"},
                        "message": {"type": "string", "maxLength": 32768},
                        "observedGeneration": {"type": "integer", "format": "int64", "minimum": 0},
                        "reason": {"type": "string", "maxLength": 1024, "minLength": 1,
                                   "pattern": "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$"},
                        "status": {"type": "string", "enum": ["True", "False", "Unknown"]},
                        "type": {"type": "string", "maxLength": 316,
                                 "pattern": "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$"}
                      }
                    }
                  },
                  "contextID": {"type": "string"},
                  "kernelStatus": {"type": "string", "enum": ["Pending", "Creating", "Created", "Failed"]},
                  "kernelError": {"type": "string"},
                  "kernelCreatedAt": {"type": "string", "format": "date-time"},
                  "qdrantCollectionStatus": {"type": "string", "enum": ["Pending", "Creating", "Created", "Failed"]},
                  "retryCount": {"type": "integer", "minimum": 0},
                  "nextRetryAt": {"type": "string", "format": "date-time"},
                  "kernel": {
                    "type": "object",
                    "properties": {
                      "userID": {"type": "string"},
                      "modelInfo": {"type": "object", "properties": {
                        "completionModelID": {"type": "string"}, "temperature": {"type": "number"}, "maxTokens": {"type": "integer"}}},
                      "plugins": {"type": "array", "items": {"type": "object", "properties": {
                        "name": {"type": "string"}, "functions": {"type": "array", "items": {"type": "string"}}}}}
                    }
                  },
                  "lastHandledReconcileAt": {"type": "string"}
                }
              }
            }
          }}
        }]
      }
    }
    """
}
