import Foundation

/// The layout-neutral content of one form; `HTMLWriter` and `PDFWriter` both render it, so the
/// two outputs carry the same text.
struct FormDocument {
    var number: String
    var title: String
    var format: PageFormat
    /// Left header column: the agency (and desk), upper-cased.
    var agencyLines: [String]
    var placeDate: String
    var dossierCode: String
    var blocks: [Block]
    var qrPayload: String
    var qr: QRMatrix
    /// The issue time, "2026-11-25T09:15:00+07:00".
    var issuedISO8601: String
}

/// The page size and the type sizes that go with it (points, 1/72 inch).
struct PageFormat {
    var width: Double
    var height: Double
    var marginTop: Double
    var marginSide: Double
    var marginBottom: Double
    var qrSide: Double
    var body: Double
    var small: Double
    var table: Double
    var title: Double
    var header: Double
    /// The CSS `@page` size.
    var cssSize: String
    var cssMargin: String

    static let a5Portrait = PageFormat(
        width: 419.53, height: 595.28, marginTop: 26, marginSide: 28, marginBottom: 30,
        qrSide: 64, body: 9, small: 7.5, table: 7, title: 11, header: 8,
        cssSize: "A5 portrait", cssMargin: "9mm 10mm 10mm 10mm")
    static let a4Landscape = PageFormat(
        width: 841.89, height: 595.28, marginTop: 28, marginSide: 34, marginBottom: 30,
        qrSide: 72, body: 9.5, small: 8, table: 8, title: 13, header: 9,
        cssSize: "A4 landscape", cssMargin: "10mm 12mm 10mm 12mm")

    var contentWidth: Double { width - 2 * marginSide }
}

/// A piece of text with emphasis.
struct Run {
    var text: String
    var bold = false
    var italic = false

    static func plain(_ text: String) -> Run { Run(text: text) }
    static func bold(_ text: String) -> Run { Run(text: text, bold: true) }
    static func italic(_ text: String) -> Run { Run(text: text, italic: true) }
}

enum Align {
    case left, center, right
}

struct Paragraph {
    var runs: [Run]
    var align: Align = .left
    /// Left indent and hanging indent of continuation lines, in points (numbered lists).
    var indent: Double = 0
    var hanging: Double = 0
    var spaceBefore: Double = 3
}

struct Table {
    struct Column {
        var title: String
        /// Share of the content width.
        var width: Double
        var align: Align = .left
    }

    var columns: [Column]
    var rows: [[String]]
}

struct Signature {
    var title: String
    var note = "(Ký và ghi rõ họ tên)"
    var name: String?
}

enum Block {
    case paragraph(Paragraph)
    case table(Table)
    /// One signature sits in the right half; two share the width.
    case signatures([Signature])
}

/// Text as it goes into a form: NFC (precomposed Vietnamese letters, which the font has as
/// single glyphs and text extraction returns intact), no control characters except line breaks.
func clean(_ text: String) -> String {
    let normalized = text.precomposedStringWithCanonicalMapping
    var scalars = String.UnicodeScalarView()
    for scalar in normalized.unicodeScalars {
        switch scalar.value {
        case 0x0A: scalars.append(scalar)
        case 0x09: scalars.append(" ")
        case 0x0D: continue
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: continue
        default: scalars.append(scalar)
        }
    }
    return String(scalars)
}
