import JSON

extension Cluster {
    /// Schedules what the deployment controller and the volume binder would write.
    func scheduleSimulation(type: ResourceType, object: JSONValue, created: Bool) {
        guard let simulation = config.simulation, !type.isCustom else { return }
        let key = ObjectKey(namespace: object[path: "metadata", "namespace"]?.stringValue ?? "",
                            name: object[path: "metadata", "name"]?.stringValue ?? "")
        switch (type.group, type.resource) {
        case ("apps", "deployments"):
            let generation = object[path: "metadata", "generation"]?.intValue ?? 1
            guard object[path: "status", "observedGeneration"]?.intValue != generation,
                  object[path: "metadata", "deletionTimestamp"] == nil else { return }
            deploymentProgressing(key: key, generation: generation)
            schedule(after: simulation.deploymentReadyDelay) { cluster in
                await cluster.deploymentAvailable(key: key, generation: generation)
            }
        case ("", "persistentvolumeclaims") where created:
            schedule(after: simulation.volumeBindDelay) { cluster in await cluster.bindVolume(key: key) }
        default:
            break
        }
    }

    private func schedule(after delay: Duration, _ step: @escaping @Sendable (Cluster) async -> Void) {
        nextTaskID += 1
        let id = nextTaskID
        let clock = config.clock
        simulationTasks[id] = Task { [weak self] in
            do { try await clock.sleep(for: delay) } catch { return }
            guard let self else { return }
            await step(self)
            await self.finishTask(id)
        }
    }

    private func finishTask(_ id: Int) { simulationTasks[id] = nil }

    func cancelSimulation() {
        for task in simulationTasks.values { task.cancel() }
        simulationTasks = [:]
    }

    private static let deployments = GroupResource(group: "apps", resource: "deployments")

    /// Writes status as a controller does: through the status subresource, with its own field manager.
    private func controllerWrite(_ storage: GroupResource, _ key: ObjectKey, manager: String,
                                 _ mutate: (inout JSONValue) -> Void) {
        guard let old = objects[storage]?[key], let type = registry.primaryType(for: storage) else { return }
        var new = old
        mutate(&new)
        guard new != old else { return }
        new = Patching.recordUpdate(old: old, new: new, manager: manager, subresource: "status",
                                    schema: patchSchema(type), now: timestamp())
        persist(storage, key, orderForStorage(type: type, new))
        runControllers()
    }

    private func deploymentProgressing(key: ObjectKey, generation: Int64) {
        controllerWrite(Self.deployments, key, manager: "kube-controller-manager") { d in
            let replicas = d[path: "spec", "replicas"]?.intValue ?? 1
            let now = timestamp()
            d[path: "status", "observedGeneration"] = .int(generation)
            d[path: "status", "replicas"] = .int(replicas)
            d[path: "status", "updatedReplicas"] = .int(replicas)
            d[path: "status", "unavailableReplicas"] = replicas > 0 ? .int(replicas) : nil
            d[path: "status", "conditions"] = [
                ["type": "Available", "status": replicas > 0 ? "False" : "True", "lastUpdateTime": .string(now),
                 "lastTransitionTime": .string(now),
                 "reason": replicas > 0 ? "MinimumReplicasUnavailable" : "MinimumReplicasAvailable",
                 "message": replicas > 0 ? "Deployment does not have minimum availability." : "Deployment has minimum availability."],
                ["type": "Progressing", "status": "True", "lastUpdateTime": .string(now), "lastTransitionTime": .string(now),
                 "reason": "ReplicaSetUpdated",
                 "message": .string("ReplicaSet \"\(key.name)-\(Self.templateHash(d))\" is progressing.")],
            ]
        }
    }

    func deploymentAvailable(key: ObjectKey, generation: Int64) {
        guard let current = objects[Self.deployments]?[key],
              current[path: "metadata", "generation"]?.intValue == generation else { return }
        controllerWrite(Self.deployments, key, manager: "kube-controller-manager") { d in
            let replicas = d[path: "spec", "replicas"]?.intValue ?? 1
            let now = timestamp()
            d[path: "status", "observedGeneration"] = .int(generation)
            d[path: "status", "replicas"] = .int(replicas)
            d[path: "status", "updatedReplicas"] = .int(replicas)
            d[path: "status", "readyReplicas"] = replicas > 0 ? .int(replicas) : nil
            d[path: "status", "availableReplicas"] = replicas > 0 ? .int(replicas) : nil
            d[path: "status", "unavailableReplicas"] = nil
            let conditions = d[path: "status", "conditions"]?.arrayValue ?? []
            func since(_ type: String, _ status: String) -> JSONValue {
                let old = conditions.first { $0["type"]?.stringValue == type }
                return old?["status"]?.stringValue == status ? (old?["lastTransitionTime"] ?? .string(now)) : .string(now)
            }
            d[path: "status", "conditions"] = [
                ["type": "Available", "status": "True", "lastUpdateTime": .string(now), "lastTransitionTime": since("Available", "True"),
                 "reason": "MinimumReplicasAvailable", "message": "Deployment has minimum availability."],
                ["type": "Progressing", "status": "True", "lastUpdateTime": .string(now), "lastTransitionTime": since("Progressing", "True"),
                 "reason": "NewReplicaSetAvailable",
                 "message": .string("ReplicaSet \"\(key.name)-\(Self.templateHash(d))\" has successfully progressed.")],
            ]
        }
    }

    func bindVolume(key: ObjectKey) {
        let storage = GroupResource(group: "", resource: "persistentvolumeclaims")
        guard let claim = objects[storage]?[key], claim[path: "status", "phase"]?.stringValue != "Bound" else { return }
        let uid = claim[path: "metadata", "uid"]?.stringValue ?? newUID()
        // The binder sets spec.volumeName (a main-resource write) and then the status.
        var bound = claim
        bound[path: "spec", "volumeName"] = .string("pvc-\(uid)")
        if bound[path: "spec", "storageClassName"] == nil { bound[path: "spec", "storageClassName"] = "standard" }
        bound[path: "metadata", "annotations", "pv.kubernetes.io/bind-completed"] = "yes"
        if let type = registry.primaryType(for: storage) {
            bound = Patching.recordUpdate(old: claim, new: bound, manager: "kube-controller-manager", subresource: nil,
                                          schema: patchSchema(type), now: timestamp())
            persist(storage, key, orderForStorage(type: type, bound))
        }
        controllerWrite(storage, key, manager: "kube-controller-manager") { c in
            c[path: "status", "phase"] = "Bound"
            c[path: "status", "accessModes"] = c[path: "spec", "accessModes"] ?? ["ReadWriteOnce"]
            if let size = c[path: "spec", "resources", "requests", "storage"] { c[path: "status", "capacity"] = ["storage": size] }
        }
    }

    /// A stable stand-in for the pod-template-hash of the Deployment's ReplicaSet.
    static func templateHash(_ deployment: JSONValue) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in (deployment[path: "spec", "template"] ?? .null).serializedBytes() {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        var out = ""
        var v = hash
        for _ in 0..<10 { out.append(alphabet[Int(v % UInt32(alphabet.count))]); v /= UInt32(alphabet.count); if v == 0 { v = hash &* 31 } }
        return out
    }
}
