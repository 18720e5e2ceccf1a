/// An answer a test forces on a call: a status code and a body given as text.
struct InjectedFailure: Sendable, Equatable {
    var status: Int
    var body: String

    /// A failure with the kernel API's `{"message": ...}` body when none is given.
    static func kernel(status: Int, body: String?) -> InjectedFailure {
        InjectedFailure(status: status, body: body ?? #"{"message":"Injected failure (status \#(status))"}"#)
    }
}
