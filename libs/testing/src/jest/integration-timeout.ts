// Integration tests talk to a real broker and database; the first consumer-group join alone can take seconds.
jest.setTimeout(120_000);
