// Generated from /work/shared/kube-api-transcripts/*.md: JSON bodies recorded from a
// real Kubernetes v1.36 API server (one per distinct kind/status in each file).
// Used to check that every JSON document parses as YAML to the same value.

enum TranscriptFixtures {
    static let jsonBodies: [(name: String, json: String)] = [
        ("01-discovery / 1. GET /version", ##"""
            {
              "major": "1",
              "minor": "36",
              "emulationMajor": "1",
              "emulationMinor": "36",
              "minCompatibilityMajor": "1",
              "minCompatibilityMinor": "35",
              "gitVersion": "v0.0.0-master+8e16b12fda5b1dccc41a6de48b3e356cc7d5048b",
              "gitCommit": "8e16b12fda5b1dccc41a6de48b3e356cc7d5048b",
              "gitTreeState": "",
              "buildDate": "1970-01-01T00:00:00Z",
              "goVersion": "go1.27.3",
              "compiler": "gc",
              "platform": "linux/amd64"
            }
            """##),
        ("01-discovery / 2. GET /api", ##"""
            {
              "kind": "APIVersions",
              "versions": ["v1"],
              "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:6443"}]
            }
            """##),
        ("01-discovery / 3. GET /apis", ##"""
            {
              "kind": "APIGroupList",
              "apiVersion": "v1",
              "groups": [
                {
                  "name": "apps",
                  "versions": [{"groupVersion": "apps/v1", "version": "v1"}],
                  "preferredVersion": {"groupVersion": "apps/v1", "version": "v1"}
                },
                {
                  "name": "events.k8s.io",
                  "versions": [{"groupVersion": "events.k8s.io/v1", "version": "v1"}],
                  "preferredVersion": {"groupVersion": "events.k8s.io/v1", "version": "v1"}
                },
                {
                  "name": "coordination.k8s.io",
                  "versions": [{"groupVersion": "coordination.k8s.io/v1", "version": "v1"}],
                  "preferredVersion": {"groupVersion": "coordination.k8s.io/v1", "version": "v1"}
                },
                {
                  "name": "demo.example.com",
                  "versions": [{"groupVersion": "demo.example.com/v1", "version": "v1"}],
                  "preferredVersion": {"groupVersion": "demo.example.com/v1", "version": "v1"}
                },
                "... 17 more groups omitted ..."
              ]
            }
            """##),
        ("01-discovery / 4. GET /apis/demo.example.com (one group)", ##"""
            {
              "kind": "APIGroup",
              "apiVersion": "v1",
              "name": "demo.example.com",
              "versions": [{"groupVersion": "demo.example.com/v1", "version": "v1"}],
              "preferredVersion": {"groupVersion": "demo.example.com/v1", "version": "v1"}
            }
            """##),
        ("01-discovery / 5. GET /apis/demo.example.com/v1 (full)", ##"""
            {
              "kind": "APIResourceList",
              "apiVersion": "v1",
              "groupVersion": "demo.example.com/v1",
              "resources": [
                {
                  "name": "widgets",
                  "singularName": "widget",
                  "namespaced": true,
                  "kind": "Widget",
                  "verbs": ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"],
                  "shortNames": ["wd"],
                  "storageVersionHash": "bQ1YHmG75GQ="
                },
                {
                  "name": "widgets/status",
                  "singularName": "",
                  "namespaced": true,
                  "kind": "Widget",
                  "verbs": ["get", "patch", "update"]
                }
              ]
            }
            """##),
        ("01-discovery / 7. GET /apis with the aggregated-discovery Accept header", ##"""
            {
              "kind": "APIGroupDiscoveryList",
              "apiVersion": "apidiscovery.k8s.io/v2",
              "metadata": {},
              "items": [
                {
                  "metadata": {"name": "coordination.k8s.io"},
                  "versions": [
                    {
                      "version": "v1",
                      "resources": [
                        {
                          "resource": "leases",
                          "responseKind": {"group": "", "version": "", "kind": "Lease"},
                          "scope": "Namespaced",
                          "singularResource": "lease",
                          "verbs": ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
                        }
                      ],
                      "freshness": "Current"
                    }
                  ]
                },
                {
                  "metadata": {"name": "demo.example.com"},
                  "versions": [
                    {
                      "version": "v1",
                      "resources": [
                        {
                          "resource": "widgets",
                          "responseKind": {"group": "demo.example.com", "version": "v1", "kind": "Widget"},
                          "scope": "Namespaced",
                          "singularResource": "widget",
                          "verbs": ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"],
                          "shortNames": ["wd"],
                          "subresources": [
                            {
                              "subresource": "status",
                              "responseKind": {"group": "demo.example.com", "version": "v1", "kind": "Widget"},
                              "verbs": ["get", "patch", "update"]
                            }
                          ]
                        }
                      ],
                      "freshness": "Current"
                    }
                  ]
                },
                "... 19 more APIGroupDiscovery items omitted ..."
              ]
            }
            """##),
        ("02-crud / 1. POST the CRD", ##"""
            {
              "kind": "CustomResourceDefinition",
              "apiVersion": "apiextensions.k8s.io/v1",
              "metadata": {
                "name": "widgets.demo.example.com",
                "uid": "5a5139ca-b965-4550-8999-7f337b107049",
                "resourceVersion": "1966",
                "generation": 1,
                "creationTimestamp": "2026-11-22T07:40:14Z",
                "managedFields": [
                  {
                    "manager": "demo-client",
                    "operation": "Update",
                    "apiVersion": "apiextensions.k8s.io/v1",
                    "time": "2026-11-22T07:40:14Z",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {
                      "f:spec": {
                        "f:conversion": {".": {}, "f:strategy": {}},
                        "f:group": {},
                        "f:names": {"f:kind": {}, "f:listKind": {}, "f:plural": {}, "f:shortNames": {}, "f:singular": {}},
                        "f:scope": {},
                        "f:versions": {}
                      }
                    }
                  }
                ]
              },
              "spec": {
                "group": "demo.example.com",
                "names": {
                  "plural": "widgets",
                  "singular": "widget",
                  "shortNames": ["wd"],
                  "kind": "Widget",
                  "listKind": "WidgetList"
                },
                "scope": "Namespaced",
                "versions": [
                  {
                    "name": "v1",
                    "served": true,
                    "storage": true,
                    "schema": {
                      "openAPIV3Schema": {
                        "type": "object",
                        "properties": {
                          "spec": {
                            "type": "object",
                            "required": ["size"],
                            "properties": {
                              "color": {"type": "string", "enum": ["red", "blue"]},
                              "size": {"type": "integer", "minimum": 1}
                            },
                            "x-kubernetes-validations": [{"rule": "self.size <= 10", "message": "size must be at most 10"}]
                          },
                          "status": {
                            "type": "object",
                            "properties": {
                              "conditions": {
                                "type": "array",
                                "items": {
                                  "type": "object",
                                  "required": ["type", "status"],
                                  "properties": {
                                    "lastTransitionTime": {"type": "string", "format": "date-time"},
                                    "message": {"type": "string"},
                                    "observedGeneration": {"type": "integer", "format": "int64"},
                                    "reason": {"type": "string"},
                                    "status": {"type": "string", "enum": ["True", "False", "Unknown"]},
                                    "type": {"type": "string"}
                                  }
                                },
                                "x-kubernetes-list-map-keys": ["type"],
                                "x-kubernetes-list-type": "map"
                              },
                              "observedGeneration": {"type": "integer", "format": "int64"}
                            }
                          }
                        }
                      }
                    },
                    "subresources": {"status": {}},
                    "additionalPrinterColumns": [
                      {"name": "Size", "type": "integer", "jsonPath": ".spec.size"},
                      {"name": "Color", "type": "string", "jsonPath": ".spec.color"},
                      {"name": "Ready", "type": "string", "jsonPath": ".status.conditions[?(@.type==\"Ready\")].status"},
                      {
                        "name": "Observed-Gen",
                        "type": "integer",
                        "description": "generation last processed by the controller",
                        "priority": 1,
                        "jsonPath": ".status.observedGeneration"
                      },
                      {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}
                    ]
                  }
                ],
                "conversion": {"strategy": "None"}
              },
              "status": {"conditions": null, "acceptedNames": {"plural": "", "kind": ""}, "storedVersions": ["v1"]}
            }
            """##),
        ("02-crud / 2. A request right after Established=True (429)", ##"""
            {
              "kind": "Status",
              "apiVersion": "v1",
              "metadata": {},
              "status": "Failure",
              "message": "storage is (re)initializing",
              "reason": "TooManyRequests",
              "details": {"retryAfterSeconds": 1},
              "code": 429
            }
            """##),
        ("02-crud / 3. Create a Namespace", ##"""
            {
              "kind": "Namespace",
              "apiVersion": "v1",
              "metadata": {
                "name": "kt-crud",
                "uid": "0918180c-78bd-4e3a-a7fa-5c0fda8baf34",
                "resourceVersion": "1970",
                "creationTimestamp": "2026-11-22T07:40:14Z",
                "labels": {"kubernetes.io/metadata.name": "kt-crud"},
                "managedFields": [
                  {
                    "manager": "demo-client",
                    "operation": "Update",
                    "apiVersion": "v1",
                    "time": "2026-11-22T07:40:14Z",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:kubernetes.io/metadata.name": {}}}}
                  }
                ]
              },
              "spec": {"finalizers": ["kubernetes"]},
              "status": {"phase": "Active"}
            }
            """##),
        ("02-crud / 4. Create a Widget", ##"""
            {
              "apiVersion": "demo.example.com/v1",
              "kind": "Widget",
              "metadata": {
                "creationTimestamp": "2026-11-22T07:40:17Z",
                "generation": 1,
                "labels": {"app": "demo"},
                "managedFields": [
                  {
                    "apiVersion": "demo.example.com/v1",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:app": {}}}, "f:spec": {".": {}, "f:color": {}, "f:size": {}}},
                    "manager": "demo-client",
                    "operation": "Update",
                    "time": "2026-11-22T07:40:17Z"
                  }
                ],
                "name": "w1",
                "namespace": "kt-crud",
                "resourceVersion": "1974",
                "uid": "8a798641-2914-494b-ba23-c51bf81f41a6"
              },
              "spec": {"color": "red", "size": 3}
            }
            """##),
        ("02-crud / 6. LIST Widgets in the namespace", ##"""
            {
              "apiVersion": "demo.example.com/v1",
              "items": [
                {
                  "apiVersion": "demo.example.com/v1",
                  "kind": "Widget",
                  "metadata": {
                    "creationTimestamp": "2026-11-22T07:40:17Z",
                    "generation": 1,
                    "labels": {"app": "demo"},
                    "managedFields": [
                      {
                        "apiVersion": "demo.example.com/v1",
                        "fieldsType": "FieldsV1",
                        "fieldsV1": {
                          "f:metadata": {"f:labels": {".": {}, "f:app": {}}},
                          "f:spec": {".": {}, "f:color": {}, "f:size": {}}
                        },
                        "manager": "demo-client",
                        "operation": "Update",
                        "time": "2026-11-22T07:40:17Z"
                      }
                    ],
                    "name": "w1",
                    "namespace": "kt-crud",
                    "resourceVersion": "1974",
                    "uid": "8a798641-2914-494b-ba23-c51bf81f41a6"
                  },
                  "spec": {"color": "red", "size": 3}
                }
              ],
              "kind": "WidgetList",
              "metadata": {"continue": "", "resourceVersion": "1974"}
            }
            """##),
        ("02-crud / 21. PUT to /status changing status AND spec", ##"""
            {
              "apiVersion": "demo.example.com/v1",
              "kind": "Widget",
              "metadata": {
                "creationTimestamp": "2026-11-22T07:40:17Z",
                "generation": 2,
                "labels": {"app": "demo"},
                "managedFields": [
                  {
                    "apiVersion": "demo.example.com/v1",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:app": {}}}, "f:spec": {".": {}, "f:color": {}, "f:size": {}}},
                    "manager": "demo-client",
                    "operation": "Update",
                    "time": "2026-11-22T07:40:17Z"
                  },
                  {
                    "apiVersion": "demo.example.com/v1",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {
                      "f:status": {
                        ".": {},
                        "f:conditions": {
                          ".": {},
                          "k:{\"type\":\"Ready\"}": {
                            ".": {},
                            "f:lastTransitionTime": {},
                            "f:message": {},
                            "f:reason": {},
                            "f:status": {},
                            "f:type": {}
                          }
                        },
                        "f:observedGeneration": {}
                      }
                    },
                    "manager": "demo-client",
                    "operation": "Update",
                    "subresource": "status",
                    "time": "2026-11-22T07:40:17Z"
                  }
                ],
                "name": "w1",
                "namespace": "kt-crud",
                "resourceVersion": "1977",
                "uid": "8a798641-2914-494b-ba23-c51bf81f41a6"
              },
              "spec": {"color": "red", "size": 5},
              "status": {
                "conditions": [
                  {
                    "lastTransitionTime": "2026-11-22T07:30:00Z",
                    "message": "all good",
                    "reason": "Reconciled",
                    "status": "True",
                    "type": "Ready"
                  }
                ],
                "observedGeneration": 2
              }
            }
            """##),
        ("03-patch / 1. Merge patch: change a field, add a label, delete a label with null", ##"""
            {
              "apiVersion": "demo.example.com/v1",
              "kind": "Widget",
              "metadata": {
                "creationTimestamp": "2026-11-22T07:40:18Z",
                "generation": 2,
                "labels": {"app": "demo", "team": "a"},
                "managedFields": [
                  {
                    "apiVersion": "demo.example.com/v1",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {
                      "f:metadata": {"f:labels": {".": {}, "f:app": {}, "f:team": {}}},
                      "f:spec": {".": {}, "f:color": {}, "f:size": {}}
                    },
                    "manager": "demo-client",
                    "operation": "Update",
                    "time": "2026-11-22T07:40:18Z"
                  }
                ],
                "name": "p1",
                "namespace": "kt-patch",
                "resourceVersion": "1992",
                "uid": "7aec708b-8972-49fc-bda0-b2ad36ea4f56"
              },
              "spec": {"color": "blue", "size": 3}
            }
            """##),
        ("03-patch / 2. Merge patch carrying a stale metadata.resourceVersion", ##"""
            {
              "kind": "Status",
              "apiVersion": "v1",
              "metadata": {},
              "status": "Failure",
              "message": "Operation cannot be fulfilled on widgets.demo.example.com \"p1\": the object has been modified; please apply your changes to the latest version and try again",
              "reason": "Conflict",
              "details": {"name": "p1", "group": "demo.example.com", "kind": "widgets"},
              "code": 409
            }
            """##),
        ("03-patch / 9. Create a Deployment with two containers", ##"""
            {
              "kind": "Deployment",
              "apiVersion": "apps/v1",
              "metadata": {
                "name": "web",
                "namespace": "kt-patch",
                "uid": "ce8eeb6d-3b23-46b6-be6e-280fc1ecd721",
                "resourceVersion": "1994",
                "generation": 1,
                "creationTimestamp": "2026-11-22T07:40:18Z",
                "labels": {"app": "web"},
                "managedFields": [
                  {
                    "manager": "demo-client",
                    "operation": "Update",
                    "apiVersion": "apps/v1",
                    "time": "2026-11-22T07:40:18Z",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {
                      "f:metadata": {"f:labels": {".": {}, "f:app": {}}},
                      "f:spec": {
                        "f:progressDeadlineSeconds": {},
                        "f:replicas": {},
                        "f:revisionHistoryLimit": {},
                        "f:selector": {},
                        "f:strategy": {"f:rollingUpdate": {".": {}, "f:maxSurge": {}, "f:maxUnavailable": {}}, "f:type": {}},
                        "f:template": {
                          "f:metadata": {"f:labels": {".": {}, "f:app": {}}},
                          "f:spec": {
                            "f:containers": {
                              "k:{\"name\":\"app\"}": {
                                ".": {},
                                "f:env": {
                                  ".": {},
                                  "k:{\"name\":\"A\"}": {".": {}, "f:name": {}, "f:value": {}},
                                  "k:{\"name\":\"B\"}": {".": {}, "f:name": {}, "f:value": {}}
                                },
                                "f:image": {},
                                "f:imagePullPolicy": {},
                                "f:name": {},
                                "f:resources": {},
                                "f:terminationMessagePath": {},
                                "f:terminationMessagePolicy": {}
                              },
                              "k:{\"name\":\"sidecar\"}": {
                                ".": {},
                                "f:command": {},
                                "f:image": {},
                                "f:imagePullPolicy": {},
                                "f:name": {},
                                "f:resources": {},
                                "f:terminationMessagePath": {},
                                "f:terminationMessagePolicy": {}
                              }
                            },
                            "f:dnsPolicy": {},
                            "f:restartPolicy": {},
                            "f:schedulerName": {},
                            "f:securityContext": {},
                            "f:terminationGracePeriodSeconds": {}
                          }
                        }
                      }
                    }
                  }
                ]
              },
              "spec": {
                "replicas": 1,
                "selector": {"matchLabels": {"app": "web"}},
                "template": {
                  "metadata": {"labels": {"app": "web"}},
                  "spec": {
                    "containers": [
                      {
                        "name": "app",
                        "image": "nginx:1.25",
                        "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
                        "resources": {},
                        "terminationMessagePath": "/dev/termination-log",
                        "terminationMessagePolicy": "File",
                        "imagePullPolicy": "IfNotPresent"
                      },
                      {
                        "name": "sidecar",
                        "image": "busybox:1.36",
                        "command": ["sleep", "infinity"],
                        "resources": {},
                        "terminationMessagePath": "/dev/termination-log",
                        "terminationMessagePolicy": "File",
                        "imagePullPolicy": "IfNotPresent"
                      }
                    ],
                    "restartPolicy": "Always",
                    "terminationGracePeriodSeconds": 30,
                    "dnsPolicy": "ClusterFirst",
                    "securityContext": {},
                    "schedulerName": "default-scheduler"
                  }
                },
                "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}},
                "revisionHistoryLimit": 10,
                "progressDeadlineSeconds": 600
              },
              "status": {}
            }
            """##),
        ("03-patch / 10. Strategic merge patch on the Deployment: change one container image", ##"""
            {
              "metadata": {"name": "web", "generation": 2, "resourceVersion": "2006"},
              "spec.template.spec.containers": [
                {
                  "name": "app",
                  "image": "nginx:1.27",
                  "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
                  "resources": {},
                  "terminationMessagePath": "/dev/termination-log",
                  "terminationMessagePolicy": "File",
                  "imagePullPolicy": "IfNotPresent"
                },
                {
                  "name": "sidecar",
                  "image": "busybox:1.36",
                  "command": ["sleep", "infinity"],
                  "resources": {},
                  "terminationMessagePath": "/dev/termination-log",
                  "terminationMessagePolicy": "File",
                  "imagePullPolicy": "IfNotPresent"
                }
              ]
            }
            """##),
        ("03-patch / 23. Apply to the /status subresource", ##"""
            {
              "apiVersion": "demo.example.com/v1",
              "kind": "Widget",
              "metadata": {
                "creationTimestamp": "2026-11-22T07:40:19Z",
                "generation": 3,
                "managedFields": [
                  {
                    "apiVersion": "demo.example.com/v1",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {"f:spec": {"f:size": {}}},
                    "manager": "alice",
                    "operation": "Apply",
                    "time": "2026-11-22T07:40:19Z"
                  },
                  {
                    "apiVersion": "demo.example.com/v1",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {"f:spec": {"f:size": {}}},
                    "manager": "bob",
                    "operation": "Apply",
                    "time": "2026-11-22T07:40:19Z"
                  },
                  {
                    "apiVersion": "demo.example.com/v1",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {
                      "f:status": {
                        "f:conditions": {
                          "k:{\"type\":\"Ready\"}": {
                            ".": {},
                            "f:lastTransitionTime": {},
                            "f:message": {},
                            "f:reason": {},
                            "f:status": {},
                            "f:type": {}
                          }
                        },
                        "f:observedGeneration": {}
                      }
                    },
                    "manager": "widget-controller",
                    "operation": "Apply",
                    "subresource": "status",
                    "time": "2026-11-22T07:40:19Z"
                  },
                  {
                    "apiVersion": "demo.example.com/v1",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {"f:spec": {"f:color": {}}},
                    "manager": "demo-client",
                    "operation": "Update",
                    "time": "2026-11-22T07:40:19Z"
                  }
                ],
                "name": "s1",
                "namespace": "kt-patch",
                "resourceVersion": "2040",
                "uid": "440ffb62-7306-4211-abe8-08f177939baf"
              },
              "spec": {"color": "blue", "size": 4},
              "status": {
                "conditions": [
                  {
                    "lastTransitionTime": "2026-11-22T08:00:00Z",
                    "message": "ok",
                    "reason": "Reconciled",
                    "status": "True",
                    "type": "Ready"
                  }
                ],
                "observedGeneration": 1
              }
            }
            """##),
        ("04-delete-finalizers / 1. DELETE a Widget that has no finalizers", ##"""
            {
              "kind": "Status",
              "apiVersion": "v1",
              "metadata": {},
              "status": "Success",
              "details": {
                "name": "plain",
                "group": "demo.example.com",
                "kind": "widgets",
                "uid": "91c878e4-78b0-4672-b489-900d8fb7c911"
              }
            }
            """##),
        ("04-delete-finalizers / 3. DELETE again (already gone)", ##"""
            {
              "kind": "Status",
              "apiVersion": "v1",
              "metadata": {},
              "status": "Failure",
              "message": "widgets.demo.example.com \"plain\" not found",
              "reason": "NotFound",
              "details": {"name": "plain", "group": "demo.example.com", "kind": "widgets"},
              "code": 404
            }
            """##),
        ("04-delete-finalizers / 4. DELETE a Widget that has finalizers", ##"""
            {
              "apiVersion": "demo.example.com/v1",
              "kind": "Widget",
              "metadata": {
                "creationTimestamp": "2026-11-22T07:42:07Z",
                "deletionGracePeriodSeconds": 0,
                "deletionTimestamp": "2026-11-22T07:42:07Z",
                "finalizers": ["example.com/cleanup", "example.com/audit"],
                "generation": 2,
                "managedFields": [
                  {
                    "apiVersion": "demo.example.com/v1",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {
                      "f:metadata": {"f:finalizers": {".": {}, "v:\"example.com/audit\"": {}, "v:\"example.com/cleanup\"": {}}},
                      "f:spec": {".": {}, "f:color": {}, "f:size": {}}
                    },
                    "manager": "demo-client",
                    "operation": "Update",
                    "time": "2026-11-22T07:42:07Z"
                  }
                ],
                "name": "fin",
                "namespace": "kt-delete",
                "resourceVersion": "2581",
                "uid": "e479cd7e-c152-41f9-b10d-351a1d1a7569"
              },
              "spec": {"color": "red", "size": 2}
            }
            """##),
        ("04-delete-finalizers / 12. GET after the last finalizer was removed", ##"""
            {
              "metadata": {
                "name": "child-fg",
                "ownerReferences": [
                  {
                    "apiVersion": "demo.example.com/v1",
                    "kind": "Widget",
                    "name": "owner-fg",
                    "uid": "c77c096a-7a7f-4e80-8af4-fba16b4bd518",
                    "controller": true,
                    "blockOwnerDeletion": true
                  }
                ],
                "finalizers": ["example.com/hold"]
              }
            }
            """##),
        ("04-delete-finalizers / 14. GET the child 3 s later", ##"""
            {
              "kind": "ConfigMap",
              "apiVersion": "v1",
              "metadata": {
                "name": "child-fg",
                "namespace": "kt-delete",
                "uid": "e19194ba-19a6-4e54-a1cc-645610d30acd",
                "resourceVersion": "2591",
                "creationTimestamp": "2026-11-22T07:42:08Z",
                "deletionTimestamp": "2026-11-22T07:42:08Z",
                "deletionGracePeriodSeconds": 0,
                "ownerReferences": [
                  {
                    "apiVersion": "demo.example.com/v1",
                    "kind": "Widget",
                    "name": "owner-fg",
                    "uid": "c77c096a-7a7f-4e80-8af4-fba16b4bd518",
                    "controller": true,
                    "blockOwnerDeletion": true
                  }
                ],
                "finalizers": ["example.com/hold"],
                "managedFields": [
                  {
                    "manager": "demo-client",
                    "operation": "Update",
                    "apiVersion": "v1",
                    "time": "2026-11-22T07:42:08Z",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {
                      "f:data": {".": {}, "f:k": {}},
                      "f:metadata": {
                        "f:finalizers": {".": {}, "v:\"example.com/hold\"": {}},
                        "f:ownerReferences": {".": {}, "k:{\"uid\":\"c77c096a-7a7f-4e80-8af4-fba16b4bd518\"}": {}}
                      }
                    }
                  }
                ]
              },
              "data": {"k": "v"}
            }
            """##),
        ("04-delete-finalizers / 26. DELETE collection with a labelSelector", ##"""
            {
              "apiVersion": "demo.example.com/v1",
              "items": [
                {
                  "apiVersion": "demo.example.com/v1",
                  "kind": "Widget",
                  "metadata": {
                    "creationTimestamp": "2026-11-22T07:42:12Z",
                    "generation": 1,
                    "labels": {"batch": "x"},
                    "managedFields": [
                      {
                        "apiVersion": "demo.example.com/v1",
                        "fieldsType": "FieldsV1",
                        "fieldsV1": {
                          "f:metadata": {"f:labels": {".": {}, "f:batch": {}}},
                          "f:spec": {".": {}, "f:color": {}, "f:size": {}}
                        },
                        "manager": "demo-client",
                        "operation": "Update",
                        "time": "2026-11-22T07:42:12Z"
                      }
                    ],
                    "name": "dc1",
                    "namespace": "kt-delete",
                    "resourceVersion": "2607",
                    "uid": "b62229ad-9276-423f-969f-6a7dcf489ec4"
                  },
                  "spec": {"color": "red", "size": 1}
                },
                {
                  "apiVersion": "demo.example.com/v1",
                  "kind": "Widget",
                  "metadata": {
                    "creationTimestamp": "2026-11-22T07:42:12Z",
                    "generation": 1,
                    "labels": {"batch": "x"},
                    "managedFields": [
                      {
                        "apiVersion": "demo.example.com/v1",
                        "fieldsType": "FieldsV1",
                        "fieldsV1": {
                          "f:metadata": {"f:labels": {".": {}, "f:batch": {}}},
                          "f:spec": {".": {}, "f:color": {}, "f:size": {}}
                        },
                        "manager": "demo-client",
                        "operation": "Update",
                        "time": "2026-11-22T07:42:12Z"
                      }
                    ],
                    "name": "dc2",
                    "namespace": "kt-delete",
                    "resourceVersion": "2608",
                    "uid": "98cd15e2-845f-4e44-b4fc-c7c14ddccee9"
                  },
                  "spec": {"color": "red", "size": 1}
                }
              ],
              "kind": "WidgetList",
              "metadata": {"continue": "", "resourceVersion": "2609"}
            }
            """##),
        ("05-watch / 4. sendInitialEvents=true without resourceVersionMatch", ##"""
            {
              "kind": "Status",
              "apiVersion": "v1",
              "metadata": {},
              "status": "Failure",
              "message": "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan",
              "reason": "Invalid",
              "details": {
                "group": "meta.k8s.io",
                "kind": "ListOptions",
                "causes": [
                  {
                    "reason": "FieldValueForbidden",
                    "message": "Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan",
                    "field": "resourceVersionMatch"
                  }
                ]
              },
              "code": 422
            }
            """##),
        ("06-list-paging-selectors / 1. Page 1: limit=2", ##"""
            {
              "apiVersion": "demo.example.com/v1",
              "items": [
                {
                  "apiVersion": "demo.example.com/v1",
                  "kind": "Widget",
                  "metadata": {
                    "creationTimestamp": "2026-11-22T07:42:12Z",
                    "generation": 1,
                    "labels": {"env": "prod", "tier": "frontend"},
                    "managedFields": [
                      {
                        "apiVersion": "demo.example.com/v1",
                        "fieldsType": "FieldsV1",
                        "fieldsV1": {
                          "f:metadata": {"f:labels": {".": {}, "f:env": {}, "f:tier": {}}},
                          "f:spec": {".": {}, "f:color": {}, "f:size": {}}
                        },
                        "manager": "demo-client",
                        "operation": "Update",
                        "time": "2026-11-22T07:42:12Z"
                      }
                    ],
                    "name": "a",
                    "namespace": "kt-list",
                    "resourceVersion": "2620",
                    "uid": "ca1156da-e92e-40b0-9898-f0f86b0cc300"
                  },
                  "spec": {"color": "red", "size": 1}
                },
                {
                  "apiVersion": "demo.example.com/v1",
                  "kind": "Widget",
                  "metadata": {
                    "creationTimestamp": "2026-11-22T07:42:12Z",
                    "generation": 1,
                    "labels": {"canary": "true", "env": "dev", "tier": "frontend"},
                    "managedFields": [
                      {
                        "apiVersion": "demo.example.com/v1",
                        "fieldsType": "FieldsV1",
                        "fieldsV1": {
                          "f:metadata": {"f:labels": {".": {}, "f:canary": {}, "f:env": {}, "f:tier": {}}},
                          "f:spec": {".": {}, "f:color": {}, "f:size": {}}
                        },
                        "manager": "demo-client",
                        "operation": "Update",
                        "time": "2026-11-22T07:42:12Z"
                      }
                    ],
                    "name": "b",
                    "namespace": "kt-list",
                    "resourceVersion": "2621",
                    "uid": "5e5d459c-54d5-4c88-a800-ff74670a203d"
                  },
                  "spec": {"color": "red", "size": 1}
                }
              ],
              "kind": "WidgetList",
              "metadata": {
                "continue": "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MjYyNSwic3RhcnQiOiIvYlx1MDAwMCJ9",
                "remainingItemCount": 3,
                "resourceVersion": "2625"
              }
            }
            """##),
        ("06-list-paging-selectors / 5. Malformed continue token", ##"""
            {
              "kind": "Status",
              "apiVersion": "v1",
              "metadata": {},
              "status": "Failure",
              "message": "invalid continue token: continue key is not valid: invalid character '\\x9e' looking for beginning of value",
              "reason": "BadRequest",
              "code": 400
            }
            """##),
        ("06-list-paging-selectors / 25. ConfigMaps across all namespaces filtered by name", ##"""
            {
              "kind": "ConfigMapList",
              "apiVersion": "v1",
              "metadata": {
                "resourceVersion": "2630",
                "continue": "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MjYzMCwic3RhcnQiOiIva3QtY3J1ZC9rdWJlLXJvb3QtY2EuY3J0XHUwMDAwIn0"
              },
              "items": [
                {"metadata": {"name": "kube-root-ca.crt", "namespace": "default"}},
                {"metadata": {"name": "kube-root-ca.crt", "namespace": "kt-crud"}}
              ]
            }
            """##),
        ("07-status-conditions-and-events / 1. PATCH /status: set Ready=True with observedGeneration", ##"""
            {
              "apiVersion": "demo.example.com/v1",
              "kind": "Widget",
              "metadata": {
                "creationTimestamp": "2026-11-22T07:42:16Z",
                "generation": 1,
                "managedFields": [
                  {
                    "apiVersion": "demo.example.com/v1",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {"f:spec": {".": {}, "f:color": {}, "f:size": {}}},
                    "manager": "demo-client",
                    "operation": "Update",
                    "time": "2026-11-22T07:42:16Z"
                  },
                  {
                    "apiVersion": "demo.example.com/v1",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {
                      "f:status": {
                        ".": {},
                        "f:conditions": {
                          ".": {},
                          "k:{\"type\":\"Ready\"}": {
                            ".": {},
                            "f:lastTransitionTime": {},
                            "f:message": {},
                            "f:observedGeneration": {},
                            "f:reason": {},
                            "f:status": {},
                            "f:type": {}
                          }
                        },
                        "f:observedGeneration": {}
                      }
                    },
                    "manager": "demo-client",
                    "operation": "Update",
                    "subresource": "status",
                    "time": "2026-11-22T07:42:16Z"
                  }
                ],
                "name": "ready-w",
                "namespace": "kt-status",
                "resourceVersion": "2647",
                "uid": "12a31317-063f-441f-b6ac-3313347bd00e"
              },
              "spec": {"color": "red", "size": 2},
              "status": {
                "conditions": [
                  {
                    "lastTransitionTime": "2026-11-22T07:42:16Z",
                    "message": "widget is ready",
                    "observedGeneration": 1,
                    "reason": "Reconciled",
                    "status": "True",
                    "type": "Ready"
                  }
                ],
                "observedGeneration": 1
              }
            }
            """##),
        ("07-status-conditions-and-events / 3. Conditions with a duplicate `type` key", ##"""
            {
              "kind": "Status",
              "apiVersion": "v1",
              "metadata": {},
              "status": "Failure",
              "message": "Widget.demo.example.com \"notready-w\" is invalid: status.conditions[1]: Duplicate value: {\"type\":\"Ready\"}",
              "reason": "Invalid",
              "details": {
                "name": "notready-w",
                "group": "demo.example.com",
                "kind": "Widget",
                "causes": [
                  {
                    "reason": "FieldValueDuplicate",
                    "message": "Duplicate value: {\"type\":\"Ready\"}",
                    "field": "status.conditions[1]"
                  }
                ]
              },
              "code": 422
            }
            """##),
        ("07-status-conditions-and-events / 7. Create an events.k8s.io/v1 Event regarding the Widget", ##"""
            {
              "kind": "Event",
              "apiVersion": "events.k8s.io/v1",
              "metadata": {
                "name": "ready-w.18a2b3c4d5e6f708",
                "namespace": "kt-status",
                "uid": "60157228-bc24-49e9-acfc-336916fed844",
                "resourceVersion": "2650",
                "creationTimestamp": "2026-11-22T07:42:16Z",
                "managedFields": [
                  {
                    "manager": "demo-client",
                    "operation": "Update",
                    "apiVersion": "events.k8s.io/v1",
                    "time": "2026-11-22T07:42:16Z",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {
                      "f:action": {},
                      "f:eventTime": {},
                      "f:note": {},
                      "f:reason": {},
                      "f:regarding": {},
                      "f:reportingController": {},
                      "f:reportingInstance": {},
                      "f:type": {}
                    }
                  }
                ]
              },
              "eventTime": "2026-11-22T07:42:16.670325Z",
              "reportingController": "demo.example.com/widget-controller",
              "reportingInstance": "widget-controller-7d9f5-x1",
              "action": "Reconcile",
              "reason": "Scaled",
              "regarding": {
                "kind": "Widget",
                "namespace": "kt-status",
                "name": "ready-w",
                "uid": "12a31317-063f-441f-b6ac-3313347bd00e",
                "apiVersion": "demo.example.com/v1",
                "resourceVersion": "2645"
              },
              "note": "Scaled widget ready-w to size 2",
              "type": "Normal",
              "deprecatedSource": {},
              "deprecatedFirstTimestamp": null,
              "deprecatedLastTimestamp": null
            }
            """##),
        ("07-status-conditions-and-events / 12. List core/v1 Events by involvedObject", ##"""
            {
              "kind": "EventList",
              "apiVersion": "v1",
              "metadata": {"resourceVersion": "2651"},
              "items": [{"metadata": {"name": "ready-w.18a2b3c4d5e6f708"}, "reason": "Scaled"}]
            }
            """##),
        ("08-leases / 1. Create (acquire) a Lease", ##"""
            {
              "kind": "Lease",
              "apiVersion": "coordination.k8s.io/v1",
              "metadata": {
                "name": "widget-controller-leader",
                "namespace": "kt-lease",
                "uid": "5d0b92e2-d525-4b9d-82fd-86c993e86f4e",
                "resourceVersion": "2805",
                "creationTimestamp": "2026-11-22T07:42:31Z",
                "managedFields": [
                  {
                    "manager": "demo-client",
                    "operation": "Update",
                    "apiVersion": "coordination.k8s.io/v1",
                    "time": "2026-11-22T07:42:31Z",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {
                      "f:spec": {
                        "f:acquireTime": {},
                        "f:holderIdentity": {},
                        "f:leaseDurationSeconds": {},
                        "f:leaseTransitions": {},
                        "f:renewTime": {}
                      }
                    }
                  }
                ]
              },
              "spec": {
                "holderIdentity": "widget-controller-7d9f5-x1_3b0c1f2e",
                "leaseDurationSeconds": 15,
                "acquireTime": "2026-11-22T07:42:31.077632Z",
                "renewTime": "2026-11-22T07:42:31.077632Z",
                "leaseTransitions": 0
              }
            }
            """##),
        ("08-leases / 4. Competing candidate: PUT based on a stale resourceVersion", ##"""
            {
              "kind": "Status",
              "apiVersion": "v1",
              "metadata": {},
              "status": "Failure",
              "message": "Operation cannot be fulfilled on leases.coordination.k8s.io \"widget-controller-leader\": the object has been modified; please apply your changes to the latest version and try again",
              "reason": "Conflict",
              "details": {"name": "widget-controller-leader", "group": "coordination.k8s.io", "kind": "leases"},
              "code": 409
            }
            """##),
        ("08-leases / 11. LIST kube-system leases (apiserver identity lease)", ##"""
            {
              "kind": "LeaseList",
              "apiVersion": "coordination.k8s.io/v1",
              "metadata": {"resourceVersion": "2807"},
              "items": [
                {
                  "metadata": {
                    "name": "apiserver-wlv32tlttr4jl3gtroqexyxapa",
                    "namespace": "kube-system",
                    "uid": "7c64f216-fb55-4168-b500-f3d68b4b4713",
                    "resourceVersion": "2799",
                    "creationTimestamp": "2026-11-22T07:16:36Z",
                    "labels": {"apiserver.kubernetes.io/identity": "kube-apiserver", "kubernetes.io/hostname": "vm"},
                    "annotations": {"kubernetes.io/peer-advertise-address": "127.0.0.1:6443"},
                    "managedFields": [
                      {
                        "manager": "kube-apiserver",
                        "operation": "Update",
                        "apiVersion": "coordination.k8s.io/v1",
                        "time": "2026-11-22T07:42:29Z",
                        "fieldsType": "FieldsV1",
                        "fieldsV1": {
                          "f:metadata": {
                            "f:annotations": {".": {}, "f:kubernetes.io/peer-advertise-address": {}},
                            "f:labels": {".": {}, "f:apiserver.kubernetes.io/identity": {}, "f:kubernetes.io/hostname": {}}
                          },
                          "f:spec": {"f:holderIdentity": {}, "f:leaseDurationSeconds": {}, "f:renewTime": {}}
                        }
                      }
                    ]
                  },
                  "spec": {
                    "holderIdentity": "apiserver-wlv32tlttr4jl3gtroqexyxapa_3e2a1774-9588-4621-b930-2a55c857f1fc",
                    "leaseDurationSeconds": 3600,
                    "renewTime": "2026-11-22T07:42:29.609288Z"
                  }
                }
              ]
            }
            """##),
        ("09-auth-errors / 1. GET /api/v1/namespaces without Authorization header", ##"""
            {
              "kind": "Status",
              "apiVersion": "v1",
              "metadata": {},
              "status": "Failure",
              "message": "namespaces is forbidden: User \"system:anonymous\" cannot list resource \"namespaces\" in API group \"\" at the cluster scope",
              "reason": "Forbidden",
              "details": {"kind": "namespaces"},
              "code": 403
            }
            """##),
        ("09-auth-errors / 2. GET /version without Authorization header", ##"""
            {
              "major": "1",
              "minor": "36",
              "emulationMajor": "1",
              "emulationMinor": "36",
              "minCompatibilityMajor": "1",
              "minCompatibilityMinor": "35",
              "gitVersion": "v0.0.0-master+8e16b12fda5b1dccc41a6de48b3e356cc7d5048b",
              "gitCommit": "8e16b12fda5b1dccc41a6de48b3e356cc7d5048b",
              "gitTreeState": "",
              "buildDate": "1970-01-01T00:00:00Z",
              "goVersion": "go1.27.3",
              "compiler": "gc",
              "platform": "linux/amd64"
            }
            """##),
        ("09-auth-errors / 5. Create a ServiceAccount", ##"""
            {
              "kind": "ServiceAccount",
              "apiVersion": "v1",
              "metadata": {
                "name": "reader",
                "namespace": "kt-auth",
                "uid": "41421397-a3e2-48a3-9943-55dd48f59842",
                "resourceVersion": "2816",
                "creationTimestamp": "2026-11-22T07:42:33Z"
              }
            }
            """##),
        ("09-auth-errors / 6. TokenRequest (what `kubectl create token` calls)", ##"""
            {
              "kind": "TokenRequest",
              "apiVersion": "authentication.k8s.io/v1",
              "metadata": {
                "name": "reader",
                "namespace": "kt-auth",
                "uid": "41421397-a3e2-48a3-9943-55dd48f59842",
                "creationTimestamp": "2026-11-22T07:42:33Z",
                "managedFields": [
                  {
                    "manager": "demo-client",
                    "operation": "Update",
                    "apiVersion": "authentication.k8s.io/v1",
                    "time": "2026-11-22T07:42:33Z",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {"f:spec": {"f:expirationSeconds": {}}},
                    "subresource": "token"
                  }
                ]
              },
              "spec": {"audiences": ["https://kubernetes.default.svc"], "expirationSeconds": 3600, "boundObjectRef": null},
              "status": {
                "token": "<redacted-jwt>",
                "expirationTimestamp": "2026-11-22T08:42:33Z"
              }
            }
            """##),
        ("09-auth-errors / 12. Create Role widget-reader", ##"""
            {
              "kind": "Role",
              "apiVersion": "rbac.authorization.k8s.io/v1",
              "metadata": {
                "name": "widget-reader",
                "namespace": "kt-auth",
                "uid": "c66a28e4-4336-48a4-b8a9-685a89afb6a6",
                "resourceVersion": "2817",
                "creationTimestamp": "2026-11-22T07:42:33Z",
                "managedFields": [
                  {
                    "manager": "demo-client",
                    "operation": "Update",
                    "apiVersion": "rbac.authorization.k8s.io/v1",
                    "time": "2026-11-22T07:42:33Z",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {"f:rules": {}}
                  }
                ]
              },
              "rules": [{"verbs": ["get", "list", "watch"], "apiGroups": ["demo.example.com"], "resources": ["widgets"]}]
            }
            """##),
        ("09-auth-errors / 13. Create RoleBinding widget-reader", ##"""
            {
              "kind": "RoleBinding",
              "apiVersion": "rbac.authorization.k8s.io/v1",
              "metadata": {
                "name": "widget-reader",
                "namespace": "kt-auth",
                "uid": "f74542e6-2b77-4c8e-a233-6c178ba9c2c2",
                "resourceVersion": "2818",
                "creationTimestamp": "2026-11-22T07:42:33Z",
                "managedFields": [
                  {
                    "manager": "demo-client",
                    "operation": "Update",
                    "apiVersion": "rbac.authorization.k8s.io/v1",
                    "time": "2026-11-22T07:42:33Z",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {"f:roleRef": {}, "f:subjects": {}}
                  }
                ]
              },
              "subjects": [{"kind": "ServiceAccount", "name": "reader", "namespace": "kt-auth"}],
              "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "widget-reader"}
            }
            """##),
        ("10-crd-and-protocol-details / 1. GET the Established CRD", ##"""
            {
              "kind": "CustomResourceDefinition",
              "apiVersion": "apiextensions.k8s.io/v1",
              "metadata": {
                "name": "widgets.demo.example.com",
                "uid": "5a5139ca-b965-4550-8999-7f337b107049",
                "resourceVersion": "1969",
                "generation": 1,
                "creationTimestamp": "2026-11-22T07:40:14Z",
                "managedFields": [
                  {
                    "manager": "demo-client",
                    "operation": "Update",
                    "apiVersion": "apiextensions.k8s.io/v1",
                    "time": "2026-11-22T07:40:14Z",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {
                      "f:spec": {
                        "f:conversion": {".": {}, "f:strategy": {}},
                        "f:group": {},
                        "f:names": {"f:kind": {}, "f:listKind": {}, "f:plural": {}, "f:shortNames": {}, "f:singular": {}},
                        "f:scope": {},
                        "f:versions": {}
                      }
                    }
                  },
                  {
                    "manager": "kube-apiserver",
                    "operation": "Update",
                    "apiVersion": "apiextensions.k8s.io/v1",
                    "time": "2026-11-22T07:40:14Z",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {
                      "f:status": {
                        "f:acceptedNames": {"f:kind": {}, "f:listKind": {}, "f:plural": {}, "f:shortNames": {}, "f:singular": {}},
                        "f:conditions": {
                          "k:{\"type\":\"Established\"}": {
                            ".": {},
                            "f:lastTransitionTime": {},
                            "f:message": {},
                            "f:reason": {},
                            "f:status": {},
                            "f:type": {}
                          },
                          "k:{\"type\":\"NamesAccepted\"}": {
                            ".": {},
                            "f:lastTransitionTime": {},
                            "f:message": {},
                            "f:reason": {},
                            "f:status": {},
                            "f:type": {}
                          }
                        }
                      }
                    },
                    "subresource": "status"
                  }
                ]
              },
              "spec": "... spec omitted (identical to 02-crud.md) ...",
              "status": {
                "conditions": [
                  {
                    "type": "NamesAccepted",
                    "status": "True",
                    "lastTransitionTime": "2026-11-22T07:40:14Z",
                    "reason": "NoConflicts",
                    "message": "no conflicts found"
                  },
                  {
                    "type": "Established",
                    "status": "True",
                    "lastTransitionTime": "2026-11-22T07:40:14Z",
                    "reason": "InitialNamesAccepted",
                    "message": "the initial names have been accepted"
                  }
                ],
                "acceptedNames": {
                  "plural": "widgets",
                  "singular": "widget",
                  "shortNames": ["wd"],
                  "kind": "Widget",
                  "listKind": "WidgetList"
                },
                "storedVersions": ["v1"]
              }
            }
            """##),
        ("10-crd-and-protocol-details / 2. Create CRD gizmos.demo.example.com re-using the shortName \"wd\"", ##"""
            {
              "metadata": {
                "name": "gizmos.demo.example.com",
                "uid": "de9536a5-2878-45c1-9661-e6626cb09232",
                "resourceVersion": "2828",
                "generation": 1
              },
              "status": {"conditions": null, "acceptedNames": {"plural": "", "kind": ""}, "storedVersions": ["v1"]}
            }
            """##),
        ("10-crd-and-protocol-details / 6. Discovery for the group while gizmos is not Established", ##"""
            {
              "kind": "APIResourceList",
              "apiVersion": "v1",
              "groupVersion": "demo.example.com/v1",
              "resources": [
                {
                  "name": "widgets",
                  "singularName": "widget",
                  "namespaced": true,
                  "kind": "Widget",
                  "verbs": ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"],
                  "shortNames": ["wd"],
                  "storageVersionHash": "bQ1YHmG75GQ="
                },
                {
                  "name": "widgets/status",
                  "singularName": "",
                  "namespaced": true,
                  "kind": "Widget",
                  "verbs": ["get", "patch", "update"]
                }
              ]
            }
            """##),
        ("10-crd-and-protocol-details / 9. LIST widgets as a Table (what kubectl get uses)", ##"""
            {
              "kind": "Table",
              "apiVersion": "meta.k8s.io/v1",
              "metadata": {"resourceVersion": "2864"},
              "columnDefinitions": [
                {
                  "name": "Name",
                  "type": "string",
                  "format": "name",
                  "description": "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
                  "priority": 0
                },
                {
                  "name": "Size",
                  "type": "integer",
                  "format": "",
                  "description": "Custom resource definition column (in JSONPath format): .spec.size",
                  "priority": 0
                },
                {
                  "name": "Color",
                  "type": "string",
                  "format": "",
                  "description": "Custom resource definition column (in JSONPath format): .spec.color",
                  "priority": 0
                },
                {
                  "name": "Ready",
                  "type": "string",
                  "format": "",
                  "description": "Custom resource definition column (in JSONPath format): .status.conditions[?(@.type==\"Ready\")].status",
                  "priority": 0
                },
                {
                  "name": "Observed-Gen",
                  "type": "integer",
                  "format": "",
                  "description": "generation last processed by the controller",
                  "priority": 1
                },
                {
                  "name": "Age",
                  "type": "date",
                  "format": "",
                  "description": "Custom resource definition column (in JSONPath format): .metadata.creationTimestamp",
                  "priority": 0
                }
              ],
              "rows": [
                {
                  "cells": ["alpha", 2, "red", "True", 1, "4s"],
                  "object": {
                    "kind": "PartialObjectMetadata",
                    "apiVersion": "meta.k8s.io/v1",
                    "metadata": {
                      "name": "alpha",
                      "namespace": "kt-proto",
                      "uid": "a08dfd35-8d42-4887-a7ee-54a13487b96c",
                      "resourceVersion": "2826",
                      "generation": 1,
                      "creationTimestamp": "2026-11-22T07:42:34Z",
                      "labels": {"app": "demo"},
                      "managedFields": [
                        {
                          "manager": "demo-client",
                          "operation": "Update",
                          "apiVersion": "demo.example.com/v1",
                          "time": "2026-11-22T07:42:34Z",
                          "fieldsType": "FieldsV1",
                          "fieldsV1": {
                            "f:metadata": {"f:labels": {".": {}, "f:app": {}}},
                            "f:spec": {".": {}, "f:color": {}, "f:size": {}}
                          }
                        },
                        {
                          "manager": "demo-client",
                          "operation": "Update",
                          "apiVersion": "demo.example.com/v1",
                          "time": "2026-11-22T07:42:34Z",
                          "fieldsType": "FieldsV1",
                          "fieldsV1": {
                            "f:status": {
                              ".": {},
                              "f:conditions": {
                                ".": {},
                                "k:{\"type\":\"Ready\"}": {
                                  ".": {},
                                  "f:lastTransitionTime": {},
                                  "f:message": {},
                                  "f:reason": {},
                                  "f:status": {},
                                  "f:type": {}
                                }
                              },
                              "f:observedGeneration": {}
                            }
                          },
                          "subresource": "status"
                        }
                      ]
                    }
                  }
                },
                {
                  "cells": ["beta", 7, "blue", null, null, "4s"],
                  "object": {
                    "kind": "PartialObjectMetadata",
                    "apiVersion": "meta.k8s.io/v1",
                    "metadata": {
                      "name": "beta",
                      "namespace": "kt-proto",
                      "uid": "18cd5cc2-3af7-4d27-adde-108a5c60d0e9",
                      "resourceVersion": "2827",
                      "generation": 1,
                      "creationTimestamp": "2026-11-22T07:42:34Z",
                      "managedFields": [
                        {
                          "manager": "demo-client",
                          "operation": "Update",
                          "apiVersion": "demo.example.com/v1",
                          "time": "2026-11-22T07:42:34Z",
                          "fieldsType": "FieldsV1",
                          "fieldsV1": {"f:spec": {".": {}, "f:color": {}, "f:size": {}}}
                        }
                      ]
                    }
                  }
                }
              ]
            }
            """##),
        ("10-crd-and-protocol-details / 15. PartialObjectMetadataList (metadata-only informers)", ##"""
            {
              "kind": "PartialObjectMetadataList",
              "apiVersion": "meta.k8s.io/v1",
              "metadata": {"resourceVersion": "3025"},
              "items": [
                {
                  "kind": "PartialObjectMetadata",
                  "apiVersion": "meta.k8s.io/v1",
                  "metadata": {
                    "name": "alpha",
                    "namespace": "kt-proto",
                    "uid": "a08dfd35-8d42-4887-a7ee-54a13487b96c",
                    "resourceVersion": "2826",
                    "generation": 1,
                    "creationTimestamp": "2026-11-22T07:42:34Z",
                    "labels": {"app": "demo"},
                    "managedFields": [
                      {
                        "manager": "demo-client",
                        "operation": "Update",
                        "apiVersion": "demo.example.com/v1",
                        "time": "2026-11-22T07:42:34Z",
                        "fieldsType": "FieldsV1",
                        "fieldsV1": {
                          "f:metadata": {"f:labels": {".": {}, "f:app": {}}},
                          "f:spec": {".": {}, "f:color": {}, "f:size": {}}
                        }
                      },
                      {
                        "manager": "demo-client",
                        "operation": "Update",
                        "apiVersion": "demo.example.com/v1",
                        "time": "2026-11-22T07:42:34Z",
                        "fieldsType": "FieldsV1",
                        "fieldsV1": {
                          "f:status": {
                            ".": {},
                            "f:conditions": {
                              ".": {},
                              "k:{\"type\":\"Ready\"}": {
                                ".": {},
                                "f:lastTransitionTime": {},
                                "f:message": {},
                                "f:reason": {},
                                "f:status": {},
                                "f:type": {}
                              }
                            },
                            "f:observedGeneration": {}
                          }
                        },
                        "subresource": "status"
                      }
                    ]
                  }
                },
                {
                  "kind": "PartialObjectMetadata",
                  "apiVersion": "meta.k8s.io/v1",
                  "metadata": {
                    "name": "beta",
                    "namespace": "kt-proto",
                    "uid": "18cd5cc2-3af7-4d27-adde-108a5c60d0e9",
                    "resourceVersion": "2827",
                    "generation": 1,
                    "creationTimestamp": "2026-11-22T07:42:34Z",
                    "managedFields": [
                      {
                        "manager": "demo-client",
                        "operation": "Update",
                        "apiVersion": "demo.example.com/v1",
                        "time": "2026-11-22T07:42:34Z",
                        "fieldsType": "FieldsV1",
                        "fieldsV1": {"f:spec": {".": {}, "f:color": {}, "f:size": {}}}
                      }
                    ]
                  }
                }
              ]
            }
            """##),
        ("10-crd-and-protocol-details / 20. Accept: text/plain", ##"""
            {
              "kind": "Status",
              "apiVersion": "v1",
              "metadata": {},
              "status": "Failure",
              "message": "only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf",
              "reason": "NotAcceptable",
              "code": 406
            }
            """##),
    ]
}
