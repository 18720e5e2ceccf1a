import JSON
import KaiAPI

extension DevSessionRenderer {
    /// The Deployment: one pod with the three containers sharing the workspace volume.
    ///
    /// `Recreate`, because the workspace is a ReadWriteOnce volume: during a rolling update
    /// the new pod could land on another node and wait forever for the old one's volume.
    /// `spec.suspend` sets `replicas: 0`; everything else, the volume included, stays.
    static func deployment(_ context: Context) -> JSONValue {
        let settings = context.settings
        let podSpec: JSONValue = [
            "containers": .array(settings.endpoints.map { container(context, $0) }),
            "volumes": [[
                "name": .string(workspaceVolume),
                "persistentVolumeClaim": ["claimName": .string(workspaceClaimName(release: context.release))],
            ]],
        ]
        let spec: JSONValue = [
            "replicas": settings.suspend ? 0 : 1,
            "strategy": ["type": "Recreate"],
            "selector": ["matchLabels": selectorLabels(context)],
            "template": [
                "metadata": ["labels": labels(context, component: "session", version: context.sharedVersion)],
                "spec": podSpec,
            ],
        ]
        return ["apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": metadata(context, name: context.release, component: "session", version: context.sharedVersion),
                "spec": spec]
    }

    /// The variables every container gets, unless the spec sets one of the same name: the
    /// values the seed passed to `helm install` (`project.uuid`, `project.id`, `user.id`).
    static func sessionEnvironment(_ settings: DevSessionSettings) -> [DevSessionEnvVar] {
        [DevSessionEnvVar(name: "PROJECT_UUID", value: settings.projectUUID),
         DevSessionEnvVar(name: "PROJECT_ID", value: String(settings.projectID)),
         DevSessionEnvVar(name: "USER_ID", value: String(settings.userID))]
    }

    static func container(_ context: Context, _ endpoint: DevSessionEndpoint) -> JSONValue {
        let settings = context.settings
        let own = Set(endpoint.env.map(\.name))
        let env = sessionEnvironment(settings).filter { !own.contains($0.name) } + endpoint.env
        var container: JSONValue = [
            "name": .string(endpoint.name.rawValue),
            "image": .string(endpoint.image),
            "ports": [["name": .string(endpoint.name.rawValue), "containerPort": .int(Int64(endpoint.port)), "protocol": "TCP"]],
            "env": .array(env.map(envVar)),
        ]
        var resources: JSONValue = [:]
        if !settings.limits.isEmpty { resources["limits"] = sortedStrings(settings.limits) }
        if !settings.requests.isEmpty { resources["requests"] = sortedStrings(settings.requests) }
        if resources != [:] { container["resources"] = resources }
        container["volumeMounts"] = [["name": .string(workspaceVolume), "mountPath": .string(workspaceMountPath)]]
        container["readinessProbe"] = [
            "tcpSocket": ["port": .string(endpoint.name.rawValue)],
            "initialDelaySeconds": 5,
            "periodSeconds": 10,
        ]
        return container
    }

    static func envVar(_ variable: DevSessionEnvVar) -> JSONValue {
        var value: JSONValue = ["name": .string(variable.name)]
        if let text = variable.value { value["value"] = .string(text) }
        if let source = variable.valueFrom {
            var from: JSONValue = [:]
            if let ref = source.secretKeyRef { from["secretKeyRef"] = keySelector(ref) }
            if let ref = source.configMapKeyRef { from["configMapKeyRef"] = keySelector(ref) }
            if let ref = source.fieldRef {
                var field: JSONValue = [:]
                if let apiVersion = ref.apiVersion { field["apiVersion"] = .string(apiVersion) }
                field["fieldPath"] = .string(ref.fieldPath)
                from["fieldRef"] = field
            }
            if let ref = source.resourceFieldRef {
                var field: JSONValue = [:]
                if let containerName = ref.containerName { field["containerName"] = .string(containerName) }
                field["resource"] = .string(ref.resource)
                if let divisor = ref.divisor { field["divisor"] = .string(divisor) }
                from["resourceFieldRef"] = field
            }
            value["valueFrom"] = from
        }
        return value
    }

    static func keySelector(_ ref: DevSessionEnvVarSource.KeySelector) -> JSONValue {
        var value: JSONValue = [:]
        if let name = ref.name { value["name"] = .string(name) }
        value["key"] = .string(ref.key)
        if let optional = ref.optional { value["optional"] = .bool(optional) }
        return value
    }
}
