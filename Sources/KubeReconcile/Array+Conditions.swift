public import Foundation
public import KubeClient

/// Condition helpers following the API conventions (apimachinery's `meta.SetStatusCondition`).
extension Array where Element == Condition {
    /// Sets the condition of `type`.
    ///
    /// - `lastTransitionTime` is set to `now` only when the condition is new or its `status`
    ///   changed; a new reason or message alone keeps it.
    /// - `reason`, `message` and `observedGeneration` are always written.
    /// - A new condition is appended, so existing ones keep their order.
    /// - Returns: whether anything changed (so the caller can skip a status write).
    @discardableResult
    public mutating func set(_ type: String, status: ConditionStatus, reason: String, message: String,
                             observedGeneration: Int64?, now: Date) -> Bool {
        guard let index = firstIndex(where: { $0.type == type }) else {
            append(Condition(type: type, status: status.rawValue, observedGeneration: observedGeneration,
                             lastTransitionTime: Timestamp.format(now), reason: reason, message: message))
            return true
        }
        var condition = self[index]
        if condition.status != status.rawValue {
            condition.status = status.rawValue
            condition.lastTransitionTime = Timestamp.format(now)
        }
        condition.reason = reason
        condition.message = message
        condition.observedGeneration = observedGeneration
        guard condition != self[index] else { return false }
        self[index] = condition
        return true
    }

    /// Removes the condition of `type`; returns whether there was one.
    @discardableResult
    public mutating func remove(_ type: String) -> Bool {
        let before = count
        removeAll { $0.type == type }
        return count != before
    }

    /// The condition of `type`, if present.
    public func condition(_ type: String) -> Condition? {
        first { $0.type == type }
    }

    /// True when the condition of `type` is present with status `True`.
    public func isTrue(_ type: String) -> Bool {
        condition(type)?.status == ConditionStatus.true.rawValue
    }

    /// True when the condition of `type` is present, has `status`, and describes `generation`
    /// (what `kubectl wait --for=condition=...` checks).
    public func isCurrent(_ type: String, status: ConditionStatus, generation: Int64?) -> Bool {
        guard let condition = condition(type), condition.status == status.rawValue else { return false }
        guard let generation, let observed = condition.observedGeneration else { return true }
        return observed >= generation
    }
}
