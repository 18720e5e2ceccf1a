/// kube-openapi's `validate.Result`: errors (unique by message) and the match count used to
/// pick the most relevant branch of anyOf/oneOf.
struct ValidationResult: Sendable {
    var errors: [OpenAPIError] = []
    var matchCount = 0

    var isValid: Bool { errors.isEmpty }

    init() {}

    /// A result holding just one error (`errorHelp.sErr`).
    init(error: OpenAPIError) { errors = [error] }

    mutating func inc() { matchCount += 1 }

    /// `AddErrors`: the same message is never reported twice.
    mutating func add(_ error: OpenAPIError) {
        if !errors.contains(where: { $0.message == error.message }) { errors.append(error) }
    }

    mutating func merge(_ other: ValidationResult?) {
        guard let other else { return }
        for error in other.errors { add(error) }
        matchCount += other.matchCount
    }
}
