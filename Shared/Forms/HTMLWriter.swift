/// Renders a `FormDocument` as a self-contained printable HTML page (inline CSS and SVG).
enum HTMLWriter {
    static func render(_ doc: FormDocument) -> String {
        let f = doc.format
        var out = """
        <!DOCTYPE html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Mẫu số \(escape(doc.number)) – \(escape(doc.title)) – \(escape(doc.dossierCode))</title>
        <style>
        @page { size: \(f.cssSize); margin: \(f.cssMargin); }
        * { box-sizing: border-box; }
        html { background: #fff; color: #000; }
        body { margin: 0 auto; max-width: \(Int(f.width - 2 * f.marginSide))pt; font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: \(f.body)pt; line-height: 1.3; }
        @media screen { body { padding: \(Int(f.marginTop))pt 0; } }
        .form-no { text-align: right; font-style: italic; font-size: \(f.small)pt; margin: 0 0 2pt; }
        header.heading { display: flex; align-items: flex-start; gap: 6pt; }
        .qr { flex: 0 0 auto; width: \(f.qrSide)pt; height: \(f.qrSide)pt; }
        .qr svg { display: block; width: 100%; height: 100%; }
        .agency, .nation { text-align: center; font-size: \(f.header)pt; }
        .agency { flex: 1 1 38%; }
        .nation { flex: 1 1 62%; }
        .agency p, .nation p { margin: 0; }
        .agency .unit { font-weight: bold; }
        .rule { display: inline-block; border-bottom: 0.6pt solid #000; }
        .agency .rule { width: 35%; }
        .nation .motto { font-weight: bold; display: inline-block; border-bottom: 0.6pt solid #000; padding-bottom: 1pt; }
        .nation .date { font-style: italic; margin-top: 6pt; }
        h1 { font-size: \(f.title)pt; text-align: center; margin: 12pt 0 2pt; }
        .code { text-align: center; margin: 0 0 8pt; }
        p.b { margin: 3pt 0 0; }
        p.item { margin: 2pt 0 0 10pt; padding-left: 12pt; text-indent: -12pt; }
        p.center { text-align: center; }
        p.right { text-align: right; }
        table { width: 100%; border-collapse: collapse; margin: 4pt 0; font-size: \(f.table)pt; }
        thead { display: table-header-group; }
        tr { page-break-inside: avoid; break-inside: avoid; }
        th, td { border: 0.5pt solid #000; padding: 2pt 3pt; vertical-align: top; overflow-wrap: anywhere; }
        th { background: #ebebeb; text-align: center; }
        td.center { text-align: center; }
        td.right { text-align: right; }
        .signatures { display: flex; justify-content: space-between; margin-top: 10pt; break-inside: avoid; page-break-inside: avoid; }
        .signatures.single { justify-content: flex-end; }
        .sig { width: 50%; text-align: center; }
        .sig p { margin: 0; }
        .sig .title { font-weight: bold; }
        .sig .note { font-style: italic; font-size: \(f.small)pt; }
        .sig .name { font-weight: bold; margin-top: 42pt; }
        </style>
        </head>
        <body>
        <main class="form form-\(escape(doc.number))">

        """
        out += "<p class=\"form-no\">Mẫu số \(escape(doc.number))</p>\n"
        out += "<header class=\"heading\">\n"
        out += "<div class=\"qr\" title=\"\(escape(doc.qrPayload))\">\(svg(doc.qr))</div>\n"
        out += "<div class=\"agency\">"
        for (index, line) in doc.agencyLines.enumerated() {
            let last = index == doc.agencyLines.count - 1
            out += "<p\(last ? " class=\"unit\"" : "")>\(escape(line))</p>"
        }
        out += "<span class=\"rule\"></span></div>\n"
        out += "<div class=\"nation\"><p><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong></p>"
        out += "<p><span class=\"motto\">Độc lập - Tự do - Hạnh phúc</span></p>"
        out += "<p class=\"date\">\(escape(doc.placeDate))</p></div>\n"
        out += "</header>\n"
        out += "<h1>\(escape(doc.title))</h1>\n"
        out += "<p class=\"code\">Mã hồ sơ: <strong>\(escape(doc.dossierCode))</strong></p>\n"
        for block in doc.blocks {
            out += html(block)
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    static func html(_ block: Block) -> String {
        switch block {
        case .paragraph(let paragraph):
            var classes = [paragraph.indent > 0 ? "item" : "b"]
            switch paragraph.align {
            case .left: break
            case .center: classes.append("center")
            case .right: classes.append("right")
            }
            let text = paragraph.runs.map { run -> String in
                var text = escape(run.text).replacingNewlines()
                if run.italic { text = "<em>\(text)</em>" }
                if run.bold { text = "<strong>\(text)</strong>" }
                return text
            }.joined()
            return "<p class=\"\(classes.joined(separator: " "))\">\(text)</p>\n"
        case .table(let table):
            var out = "<table>\n<colgroup>"
            for column in table.columns {
                out += "<col style=\"width: \(Int((column.width * 100).rounded()))%\">"
            }
            out += "</colgroup>\n<thead><tr>"
            for column in table.columns {
                out += "<th>\(escape(column.title))</th>"
            }
            out += "</tr></thead>\n<tbody>\n"
            if table.rows.isEmpty {
                out += "<tr><td colspan=\"\(table.columns.count)\" class=\"center\">\(FormCatalog.blank)</td></tr>\n"
            }
            for row in table.rows {
                out += "<tr>"
                for (index, cell) in row.enumerated() {
                    let align = index < table.columns.count ? table.columns[index].align : .left
                    let cls = switch align {
                    case .left: ""
                    case .center: " class=\"center\""
                    case .right: " class=\"right\""
                    }
                    out += "<td\(cls)>\(escape(cell).replacingNewlines())</td>"
                }
                out += "</tr>\n"
            }
            return out + "</tbody>\n</table>\n"
        case .signatures(let signatures):
            var out = "<section class=\"signatures\(signatures.count == 1 ? " single" : "")\">\n"
            for signature in signatures {
                out += "<div class=\"sig\"><p class=\"title\">\(escape(signature.title))</p>"
                out += "<p class=\"note\">\(escape(signature.note))</p>"
                out += "<p class=\"name\">\(escape(signature.name ?? ""))</p></div>\n"
            }
            return out + "</section>\n"
        }
    }

    /// The QR symbol with a 4-module quiet zone, one path of dark runs.
    static func svg(_ qr: QRMatrix) -> String {
        let side = qr.size + 8
        var path = ""
        for run in qr.darkRuns() {
            path += "M\(run.x + 4) \(run.y + 4)h\(run.length)v1h-\(run.length)z"
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR\">"
            + "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/><path fill=\"#000\" d=\"\(path)\"/></svg>"
    }

    /// Escapes text for HTML element content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

private extension String {
    func replacingNewlines() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "<br>")
    }
}
