/// A field selector that leaves out the `kube-root-ca.crt` ConfigMap, which the test server (as
/// a real cluster) publishes in every namespace: tests that count what they created use it.
let withoutRootCAConfigMap = "metadata.name!=kube-root-ca.crt"
