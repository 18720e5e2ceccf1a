import KubeWatchTestSupport

/// The shared scripted source, over this target's `Widget`.
typealias ScriptedSource = ScriptedWatchSource<Widget>
