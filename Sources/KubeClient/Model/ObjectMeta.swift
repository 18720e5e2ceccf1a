import Foundation
public import JSON

/// `metav1.ObjectMeta`: the metadata every Kubernetes object carries.
///
/// Only the fields controllers read or write are typed; `managedFields` is
/// kept as raw JSON because the cache strips it and nothing here interprets it.
///
/// Decoding follows the decoder's ``DecodingOptions``: `managedFields` is not decoded at all
/// with ``DecodingOptions/skipManagedFields``, and the namespace, label and annotation keys and
/// values and finalizers are shared through the response's ``StringInterner`` with
/// ``DecodingOptions/internStrings``.
public struct ObjectMeta: Codable, Sendable, Equatable, Hashable {
    public var name: String?
    public var generateName: String?
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int64?
    public var creationTimestamp: String?
    public var deletionTimestamp: String?
    public var deletionGracePeriodSeconds: Int64?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var ownerReferences: [OwnerReference]?
    public var finalizers: [String]?
    public var managedFields: [JSONValue]?

    public init(name: String? = nil, namespace: String? = nil, labels: [String: String]? = nil,
                annotations: [String: String]? = nil) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
    }

    enum CodingKeys: String, CodingKey {
        case name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp
        case deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers, managedFields
    }

    /// Decodes the metadata as the decoder's ``DecodingOptions`` say (everything, by default).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        generateName = try c.decodeIfPresent(String.self, forKey: .generateName)
        namespace = try c.decodeIfPresent(String.self, forKey: .namespace)
        uid = try c.decodeIfPresent(String.self, forKey: .uid)
        resourceVersion = try c.decodeIfPresent(String.self, forKey: .resourceVersion)
        generation = try c.decodeIfPresent(Int64.self, forKey: .generation)
        creationTimestamp = try c.decodeIfPresent(String.self, forKey: .creationTimestamp)
        deletionTimestamp = try c.decodeIfPresent(String.self, forKey: .deletionTimestamp)
        deletionGracePeriodSeconds = try c.decodeIfPresent(Int64.self, forKey: .deletionGracePeriodSeconds)
        labels = try c.decodeIfPresent([String: String].self, forKey: .labels)
        annotations = try c.decodeIfPresent([String: String].self, forKey: .annotations)
        ownerReferences = try c.decodeIfPresent([OwnerReference].self, forKey: .ownerReferences)
        finalizers = try c.decodeIfPresent([String].self, forKey: .finalizers)
        if let interner = decoder.stringInterner {
            namespace = namespace.map { interner.intern($0) }
            labels = interner.intern(labels)
            annotations = interner.intern(annotations)
            finalizers = finalizers?.map { interner.intern($0) }
        }
        // The bulk of many objects, and what caches drop: skipped unread when asked.
        if !decoder.kubeDecodingOptions.skipManagedFields {
            managedFields = try c.decodeIfPresent([JSONValue].self, forKey: .managedFields)
        }
    }

    /// True once deletion has been requested (the object waits for its finalizers).
    public var isBeingDeleted: Bool { deletionTimestamp != nil }

    /// The owner reference marked `controller: true`, if any.
    public var controllerReference: OwnerReference? { ownerReferences?.first { $0.controller == true } }
}

/// `metav1.OwnerReference`.
public struct OwnerReference: Codable, Sendable, Equatable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool?
    public var blockOwnerDeletion: Bool?

    public init(apiVersion: String, kind: String, name: String, uid: String,
                controller: Bool? = nil, blockOwnerDeletion: Bool? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }

    enum CodingKeys: String, CodingKey { case apiVersion, kind, name, uid, controller, blockOwnerDeletion }

    /// Decodes the reference; `apiVersion` and `kind` (the same for every child of one kind of
    /// owner) go through the response's ``StringInterner``, if any.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = decoder.interned(try c.decode(String.self, forKey: .apiVersion))
        kind = decoder.interned(try c.decode(String.self, forKey: .kind))
        name = try c.decode(String.self, forKey: .name)
        uid = try c.decode(String.self, forKey: .uid)
        controller = try c.decodeIfPresent(Bool.self, forKey: .controller)
        blockOwnerDeletion = try c.decodeIfPresent(Bool.self, forKey: .blockOwnerDeletion)
    }
}

/// `metav1.ListMeta`.
public struct ListMeta: Codable, Sendable, Equatable {
    public var resourceVersion: String?
    public var `continue`: String?
    public var remainingItemCount: Int64?
    public init() {}
}

/// `metav1.Condition`, as used in every status of this project.
public struct Condition: Codable, Sendable, Equatable, Hashable {
    public var type: String
    public var status: String
    public var observedGeneration: Int64?
    public var lastTransitionTime: String
    public var reason: String
    public var message: String

    public init(type: String, status: String, observedGeneration: Int64? = nil,
                lastTransitionTime: String, reason: String, message: String) {
        self.type = type
        self.status = status
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }

    enum CodingKeys: String, CodingKey { case type, status, observedGeneration, lastTransitionTime, reason, message }

    /// Decodes the condition; its strings (the same few types, reasons and messages on every
    /// object of a kind) go through the response's ``StringInterner``, if any.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = decoder.interned(try c.decode(String.self, forKey: .type))
        status = decoder.interned(try c.decode(String.self, forKey: .status))
        observedGeneration = try c.decodeIfPresent(Int64.self, forKey: .observedGeneration)
        lastTransitionTime = decoder.interned(try c.decode(String.self, forKey: .lastTransitionTime))
        reason = decoder.interned(try c.decode(String.self, forKey: .reason))
        message = decoder.interned(try c.decode(String.self, forKey: .message))
    }
}
