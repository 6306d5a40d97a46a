import Contracts
import Domain

/// Reads typed values out of a JSON object while collecting every problem with its path, so a
/// validator can report all of them at once. Unknown keys are problems too.
final class JSONReader {
    private(set) var errors: [FieldError] = []

    func fail(_ path: String, _ message: String) {
        errors.append(FieldError(field: path, message: message))
    }

    /// The object at `path`, with keys outside `allowed` reported.
    func object(_ value: JSONValue?, _ path: String, allowed: Set<String>) -> [String: JSONValue]? {
        guard case .object(let object)? = value else {
            fail(path, value.map { "must be an object, not \($0.typeName)" } ?? "is required")
            return nil
        }
        for key in object.keys.sorted() where !allowed.contains(key) {
            fail(join(path, key), "is not a known field")
        }
        return object
    }

    func string(_ object: [String: JSONValue], _ key: String, _ path: String, required: Bool = true, maxLength: Int = 500) -> String? {
        let at = join(path, key)
        switch object[key] {
        case .string(let value)?:
            let trimmed = value.trimmingWhitespace
            if trimmed.isEmpty, required { fail(at, "is required"); return nil }
            if trimmed.count > maxLength { fail(at, "must be at most \(maxLength) characters"); return nil }
            return trimmed.isEmpty ? nil : trimmed
        case nil, .null?:
            if required { fail(at, "is required") }
            return nil
        case let other?:
            fail(at, "must be a string, not \(other.typeName)")
            return nil
        }
    }

    func bool(_ object: [String: JSONValue], _ key: String, _ path: String, default fallback: Bool) -> Bool {
        switch object[key] {
        case .bool(let value)?: return value
        case nil, .null?: return fallback
        case let other?:
            fail(join(path, key), "must be a boolean, not \(other.typeName)")
            return fallback
        }
    }

    func integer(_ object: [String: JSONValue], _ key: String, _ path: String, range: ClosedRange<Int>, default fallback: Int? = nil) -> Int? {
        let at = join(path, key)
        switch object[key] {
        case .number(let value)?:
            guard value.rounded(.towardZero) == value, value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
                fail(at, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
                return nil
            }
            return Int(value)
        case nil, .null?:
            if fallback == nil { fail(at, "is required") }
            return fallback
        case let other?:
            fail(at, "must be a number, not \(other.typeName)")
            return nil
        }
    }

    func number(_ object: [String: JSONValue], _ key: String, _ path: String) -> Double? {
        switch object[key] {
        case .number(let value)?: return value
        case nil, .null?: return nil
        case let other?:
            fail(join(path, key), "must be a number, not \(other.typeName)")
            return nil
        }
    }

    /// The array at `key`; nil (with a problem when required) when absent or not an array.
    func array(_ object: [String: JSONValue], _ key: String, _ path: String, required: Bool) -> [JSONValue]? {
        switch object[key] {
        case .array(let items)?: return items
        case nil, .null?:
            if required { fail(join(path, key), "is required") }
            return required ? nil : []
        case let other?:
            fail(join(path, key), "must be an array, not \(other.typeName)")
            return nil
        }
    }

    func strings(_ object: [String: JSONValue], _ key: String, _ path: String, required: Bool) -> [String] {
        guard let items = array(object, key, path, required: required) else { return [] }
        var values: [String] = []
        for (index, item) in items.enumerated() {
            if case .string(let text) = item, !text.trimmingWhitespace.isEmpty { values.append(text.trimmingWhitespace) }
            else { fail("\(join(path, key))[\(index)]", "must be a non-empty string") }
        }
        return values
    }

    func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }
}
