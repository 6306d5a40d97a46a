import CSV
import Domain

/// Splits a CSV file (RFC 4180: commas, double quotes, CRLF or LF) into records numbered by the
/// line each starts on, with CSV.swift. The first record is the header.
enum SharedCatalogCSV {
    static func records(of text: String) throws -> (header: SharedCatalogRecord?, rows: [SharedCatalogRecord]) {
        let text = SharedCatalogImport.strippingByteOrderMark(text)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false)
        } catch {
            throw ValidationFailure([FieldError(field: "line 1", message: "the file could not be read as CSV")])
        }
        var records: [SharedCatalogRecord] = []
        var line = 1
        while let fields = reader.next() {
            records.append(SharedCatalogRecord(line: line, fields: fields))
            // A quoted field may hold line breaks; the next record starts after them.
            line += 1 + fields.reduce(0) { $0 + lineBreaks(in: $1) }
        }
        if reader.error != nil {
            throw ValidationFailure([FieldError(field: "line \(line)", message: "the file could not be read as CSV")])
        }
        return (records.first, Array(records.dropFirst()))
    }

    /// Line breaks inside a field: LF, CRLF or a lone CR each count once.
    static func lineBreaks(in field: String) -> Int {
        let scalars = field.unicodeScalars
        return max(scalars.count(where: { $0 == "\n" }), scalars.count(where: { $0 == "\r" }))
    }
}
