import Storage
import Testing

@Suite struct SQLScriptTests {
    @Test func splitsOnSemicolonsOutsideQuotesCommentsAndDollarBodies() {
        let script = """
            -- a comment; not a statement
            CREATE TABLE a (x text DEFAULT 'it''s; fine');
            /* block; comment */ CREATE INDEX i ON a (x);
            CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
            DO $$ BEGIN PERFORM 1; END $$;
            SELECT "odd;name" FROM a
            """
        let statements = SQLScript.statements(script)
        #expect(statements.count == 5)
        #expect(statements[0].hasSuffix("DEFAULT 'it''s; fine')"))
        #expect(statements[1].hasPrefix("/* block; comment */"))
        #expect(statements[2].contains("SELECT 1; $body$"))
        #expect(statements[3] == "DO $$ BEGIN PERFORM 1; END $$")
        #expect(statements[4] == "SELECT \"odd;name\" FROM a")
    }

    @Test func ignoresEmptyAndCommentOnlyPieces() {
        #expect(SQLScript.statements(";;\n-- nothing\n;  ").isEmpty)
        #expect(SQLScript.statements("SELECT $1::int") == ["SELECT $1::int"])
    }
}
