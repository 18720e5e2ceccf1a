/// The defaults of the DevSession CRD, for code that reads a DevSession the API server has not
/// defaulted (`kai-operator render -f`). A test keeps them equal to the CRD's.
public enum DevSessionDefaults {
    /// The application preview image (serves the project's app on port 3000).
    public static let previewImage = "ghcr.io/kai-dev/dev-session-preview:0.1.0"
    /// The AI chat agent image (port 3001).
    public static let chatImage = "ghcr.io/kai-dev/dev-session-chat:0.1.0"
    /// code-server, VS Code in the browser; it listens on 8080 by default.
    public static let vscodeImage = "codercom/code-server:4.96.4"
    public static let previewPort: Int32 = 3000
    public static let chatPort: Int32 = 3001
    public static let vscodePort: Int32 = 8080
    /// Limits of each container, as the seed's chart set them.
    public static let limits = ["cpu": "2000m", "memory": "4Gi"]
    public static let storageSize = "10Gi"
    public static let ingressEnabled = true
    /// One year: the seed's "always-on" sessions.
    public static let expiresAfter = "8760h"
    public static let suspend = false
    /// Ingress paths (and `status.*Path`) of the three endpoints.
    public static let previewPath = "/preview"
    public static let chatPath = "/chat"
    public static let vscodePath = "/vscode"
}
