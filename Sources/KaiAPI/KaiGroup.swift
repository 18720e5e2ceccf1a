/// The `kai.dev/v1alpha1` API group: names shared by every kind
/// (see `../shared/design/api-v1alpha1.md`).
public enum KaiGroup {
    public static let group = "kai.dev"
    public static let version = "v1alpha1"
    public static let apiVersion = "kai.dev/v1alpha1"
    /// Field manager for every write the operator makes.
    public static let fieldManager = "kai-operator"
    /// `reportingController` of the operator's Events.
    public static let reportingController = "kai.dev/kai-operator"
    /// Flux's "reconcile now" annotation; its value is echoed to `status.lastHandledReconcileAt`.
    public static let requestedAtAnnotation = "reconcile.fluxcd.io/requestedAt"

    /// Condition types shared by all kinds (kstatus).
    public enum ConditionType {
        public static let ready = "Ready"
        public static let reconciling = "Reconciling"
        public static let stalled = "Stalled"
    }

    /// Recommended labels on every child.
    public enum Label {
        public static let name = "app.kubernetes.io/name"
        public static let instance = "app.kubernetes.io/instance"
        public static let component = "app.kubernetes.io/component"
        public static let partOf = "app.kubernetes.io/part-of"
        public static let managedBy = "app.kubernetes.io/managed-by"
        public static let version = "app.kubernetes.io/version"
    }
}
