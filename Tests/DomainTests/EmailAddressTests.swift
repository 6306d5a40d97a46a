import Domain
import Testing

/// An address ends up between `<` and `>` in SMTP commands and headers: nothing in it may end a
/// line or the address.
@Suite struct EmailAddressTests {
    @Test func controlCharactersAndLineBreaksAreRefused() {
        for hostile in ["an@example.vn\r\nBcc: victim@example.vn", "an@example.vn\nX-Evil:1", "an@example.vn\r",
                        "an\u{0}@example.vn", "an@exam\tple.vn", "an@example.vn\u{7F}", "an@example.vn\u{85}X:1",
                        "an@example.vn\u{2028}X:1", "an@example.vn>\r\nRCPT TO:<b@example.vn", "an@example.vn>",
                        "<an@example.vn", "an@example.vn,b@example.vn", "an@example.vn;b@example.vn", "an\u{200B}@example.vn"] {
            #expect(!ApplicantRules.isHeaderSafeAddress(hostile), "\(hostile.debugDescription)")
            #expect(!ApplicantRules.isEmail(hostile), "\(hostile.debugDescription)")
        }
    }

    @Test func ordinaryAddressesStillPass() {
        for address in ["an.nguyen@example.vn", "mot-cua@onegate.local", "an+hoso@so-tu-phap.hanoi.gov.vn", "nguyễn@ví-dụ.vn"] {
            #expect(ApplicantRules.isHeaderSafeAddress(address))
            #expect(ApplicantRules.isEmail(address))
        }
        #expect(!ApplicantRules.isHeaderSafeAddress(""))
    }
}
