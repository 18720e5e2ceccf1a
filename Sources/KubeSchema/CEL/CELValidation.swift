import JSON

/// Runs the `x-kubernetes-validations` rules of a schema over an object like the
/// apiextensions CEL validator: every non-null value whose schema carries rules is bound to
/// `self` (and its correlated old value to `oldSelf`), transition rules need an old value
/// (unless `optionalOldSelf`), and on update a failing non-transition rule is ratcheted
/// (dropped) when its value — or, for uncorrelatable values such as atomic list items, the
/// nearest correlatable ancestor — is unchanged.
enum CELValidation {
    /// - Parameters:
    ///   - old: the correlated old value; nil on create or when it cannot be correlated.
    ///   - unchanged: whether the nearest correlatable ancestor equals its old value.
    static func validate(_ value: JSONValue, old: JSONValue?, node: SchemaNode, path: FieldPath,
                         resourceRoot: Bool, unchanged: Bool, into errors: inout [FieldError]) {
        guard node.containsCELRules, !value.isNull else { return }
        let oldValue = old.flatMap { $0.isNull ? nil : $0 }
        let isUnchanged = oldValue.map { OpenAPIValidator.goDeepEqual(value, $0) } ?? unchanged
        let programs = node.celPrograms + (node.allOf ?? []).flatMap(\.celPrograms)
        if !programs.isEmpty {
            run(programs, value, old: oldValue, node: node, path: path, resourceRoot: resourceRoot,
                unchanged: isUnchanged, into: &errors)
        }
        switch value {
        case .object(let members):
            // A granular or atomic map correlates its members by key (MapIsCorrelatable).
            if let values = node.additionalPropertiesSchema, values.containsCELRules {
                for (key, member) in members where node.properties?[key] == nil {
                    validate(member, old: oldValue?[key], node: values, path: path.key(key),
                             resourceRoot: values.embeddedResource, unchanged: isUnchanged, into: &errors)
                }
            }
            for (name, child) in node.properties ?? [:] where child.containsCELRules {
                guard let member = members[name] else { continue }
                validate(member, old: oldValue?[name], node: child, path: path.child(name),
                         resourceRoot: child.embeddedResource, unchanged: isUnchanged, into: &errors)
            }
        case .array(let items):
            guard let itemNode = node.itemSchema, itemNode.containsCELRules else { return }
            for (i, item) in items.enumerated() {
                validate(item, old: correlatedItem(item, old: oldValue, list: node), node: itemNode, path: path.index(i),
                         resourceRoot: itemNode.embeddedResource, unchanged: isUnchanged, into: &errors)
            }
        default:
            break
        }
    }

    /// Only `x-kubernetes-list-type: map` items correlate (by their keys) for CEL rules.
    private static func correlatedItem(_ item: JSONValue, old: JSONValue?, list: SchemaNode) -> JSONValue? {
        guard list.listType == "map", let keys = list.listMapKeys, case .array(let oldItems)? = old else { return nil }
        return Ratcheting.mapListItem(matching: item, in: oldItems, keys: keys)
    }

    private static func run(_ programs: [CELProgram], _ value: JSONValue, old: JSONValue?, node: SchemaNode, path: FieldPath,
                            resourceRoot: Bool, unchanged: Bool, into errors: inout [FieldError]) {
        let selfValue = CELValue.from(value, node: node, resourceRoot: resourceRoot)
        let oldSelf = old.map { CELValue.from($0, node: node, resourceRoot: resourceRoot) }
        for program in programs {
            guard case .success = program.expression else {
                if !program.rule.rule.goTrimSpace.isEmpty {
                    errors.append(FieldError(kind: .invalid, field: path.string, badValue: nil,
                                             detail: "rule compile error: compilation failed"))
                }
                continue
            }
            let optionalOldSelf = program.rule.optionalOldSelf == true
            if program.usesOldSelf && oldSelf == nil && !optionalOldSelf { continue }
            let boundOldSelf: CELValue? = optionalOldSelf ? .optional(oldSelf.map(CELValueBox.init)) : oldSelf
            let ruleText = ruleErrorString(program.rule)
            switch program.evaluate(self: selfValue, oldSelf: boundOldSelf) {
            case .success(true):
                continue
            case .failure(let error):
                let detail = error.message.hasPrefix("no such overload")
                    ? "'\(error.message)': call arguments did not match a supported operator, function or macro signature for rule: \(ruleText)"
                    : "\(error.message) evaluating rule: \(ruleText)"
                errors.append(FieldError(kind: .invalid, field: path.string, badValue: nil, detail: detail))
            case .success(false):
                if !program.usesOldSelf && unchanged { continue }
                var fieldPath = path
                if let relative = program.rule.fieldPath, !relative.isEmpty,
                   case .success(let resolved) = SchemaFieldPath.resolve(relative, in: node) {
                    for name in resolved.names { fieldPath = fieldPath.child(name) }
                }
                let detail = program.message(self: selfValue, oldSelf: boundOldSelf) ?? ruleMessageOrDefault(program.rule)
                errors.append(fieldError(fieldPath.string, detail: detail, reason: program.rule.reason))
            }
        }
    }

    /// `fieldErrorForReason`; the value is omitted like the v1.36 server does
    /// (`spec: Invalid value: size must be at most 10`).
    static func fieldError(_ field: String, detail: String, reason: String?) -> FieldError {
        switch reason {
        case "FieldValueForbidden": return FieldError(kind: .forbidden, field: field, badValue: nil, detail: detail)
        case "FieldValueRequired": return FieldError(kind: .required, field: field, badValue: nil, detail: detail)
        case "FieldValueDuplicate": return FieldError(kind: .duplicate, field: field, badValue: nil, detail: "")
        default: return FieldError(kind: .invalid, field: field, badValue: nil, detail: detail)
        }
    }

    static func ruleMessageOrDefault(_ rule: CELRule) -> String {
        if let message = rule.message, !message.isEmpty { return message.goTrimSpace }
        return "failed rule: " + ruleErrorString(rule)
    }

    static func ruleErrorString(_ rule: CELRule) -> String {
        if let message = rule.message, !message.isEmpty { return message.goTrimSpace }
        return rule.rule.goTrimSpace
    }
}
