/// A field path rendered the way `k8s.io/apimachinery/pkg/util/validation/field.Path`
/// renders it: `spec.versions[0].schema.openAPIV3Schema.properties[spec]`.
/// `root` stands for Go's nil path, printed `<nil>`.
struct FieldPath: Sendable, Equatable {
    private(set) var rendered: String?

    static let root = FieldPath(rendered: nil)

    init(_ path: String) { rendered = path }
    private init(rendered: String?) { self.rendered = rendered }

    func child(_ name: String) -> FieldPath {
        FieldPath(rendered: rendered.map { $0 + "." + name } ?? name)
    }

    func index(_ i: Int) -> FieldPath { FieldPath(rendered: (rendered ?? "") + "[\(i)]") }

    func key(_ k: String) -> FieldPath { FieldPath(rendered: (rendered ?? "") + "[\(k)]") }

    /// The text that goes into `StatusCause.field`.
    var string: String { rendered ?? "<nil>" }
}
