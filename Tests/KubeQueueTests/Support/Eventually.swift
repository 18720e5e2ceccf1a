/// Yields until `condition` holds: for effects of tasks resumed by the code under test.
///
/// No clock is involved. A condition that never holds ends when the test's time limit
/// cancels the test (the assertion after the call then fails).
func eventually(_ condition: () -> Bool) async {
    while !condition(), !Task.isCancelled {
        await Task.yield()
    }
}
