import Foundation

/// Renders the one-stop forms 01–07 (Circular 03/2025/TT-VPCP) as printable HTML and as PDF.
///
/// Safe to call from any thread or task: PDF rendering is serialised by a process-wide lock
/// (pango and fontconfig are not reliably thread-safe); HTML needs no lock.
public enum FormRenderer {
    /// Printable HTML (UTF-8), A5 portrait (`@page` size A5) for 01–06, A4 landscape for 07, with an
    /// inline SVG QR code. All data is HTML-escaped.
    ///
    /// - Throws: `FormError.unknownForm` for a form number other than "01" … "07";
    ///   `FormError.qr` when the QR payload cannot be encoded.
    public static func html(_ data: FormData) throws -> String {
        HTMLWriter.render(try FormCatalog.document(data))
    }

    /// PDF bytes, same layout and page sizes as `html(_:)`, the QR code drawn as vector squares;
    /// long tables continue onto further pages with their header repeated.
    ///
    /// Text is set in DejaVu Sans (found through fontconfig; install `fonts-dejavu-core`).
    ///
    /// - Throws: `FormError.unknownForm`, `FormError.qr`, or `FormError.rendering` when cairo fails.
    public static func pdf(_ data: FormData) throws -> [UInt8] {
        try PDFWriter.render(try FormCatalog.document(data))
    }

    /// The QR payload: the status page's address when `statusURL` is set (form 01 rendered with
    /// the lookup token), else `onegate:v1|<dossier code>|<procedure code>|<applicant id>`.
    ///
    /// Each field is trimmed of surrounding whitespace; `%` and `|` inside a field are written as
    /// `%25` and `%7C` so the four fields always split unambiguously on `|`.
    public static func qrPayload(_ data: FormData) -> String {
        if let url = data.statusURL, !url.isEmpty { return url }
        let fields = [data.dossierCode, data.procedureCode, data.applicantIdNumber].map { field in
            field.trimmingCharacters(in: .whitespacesAndNewlines)
                .replacingOccurrences(of: "%", with: "%25")
                .replacingOccurrences(of: "|", with: "%7C")
        }
        return (["onegate:v1"] + fields).joined(separator: "|")
    }
}
