import KaiAPI
import KubeReconcile

/// What one reconcile did to the children, for its Events.
struct DevSessionApplyReport {
    /// Applied for the first time.
    var created: [InventoryEntry] = []
    /// Applied again because the rendering changed.
    var updated: [InventoryEntry] = []
    /// Put back after someone else deleted or changed them, with what happened.
    var restored: [(entry: InventoryEntry, what: String)] = []
    /// An existing Namespace taken over on `kai.dev/adopt: "true"`.
    var adopted: InventoryEntry?
    /// Deleted because they are no longer rendered.
    var pruned: [InventoryEntry] = []

    /// `Kind namespace/name, Kind name`.
    static func list(_ entries: [InventoryEntry]) -> String {
        entries.map(\.description).joined(separator: ", ")
    }
}

extension DevSessionReconciler {
    /// The Events of a reconcile's changes to the children.
    func recordReport(_ report: DevSessionApplyReport, _ session: DevSession) {
        if !report.created.isEmpty {
            event(session, .normal, "Created", action: "Apply", "created \(DevSessionApplyReport.list(report.created))")
        }
        if let adopted = report.adopted {
            event(session, .normal, "Adopted", action: "Apply",
                  "took over the existing \(adopted) (annotation \(DevSession.adoptAnnotation): \"true\")", related: adopted)
        }
        if !report.updated.isEmpty {
            event(session, .normal, "Updated", action: "Apply", "updated \(DevSessionApplyReport.list(report.updated))")
        }
        // One Event per child, with the child as `related`: a repeat of an Event only counts in
        // its series (its note is not written again), so one per child keeps each one visible.
        for (entry, what) in report.restored {
            event(session, .warning, "DriftCorrected", action: "Apply", "restored \(entry) (\(what))", related: entry)
        }
        for entry in report.pruned {
            event(session, .normal, "Pruned", action: "Prune", "deleted \(entry): no longer rendered", related: entry)
        }
    }
}
