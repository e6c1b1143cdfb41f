// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.history;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.omnidesk.ui.chat.Attachment;
import org.omnidesk.ui.fx.ArgbImage;
import org.omnidesk.ui.chat.TurnTimings;

/**
 * Conversations in an SQLite file (WAL journal). A turn row is written when the turn starts,
 * its answer is checkpointed while it streams, and it is completed when it ends, so a crash loses
 * at most the last checkpoint interval of the answer in flight; {@link #open} marks turns a crash
 * left {@link TurnStatus#ANSWERING} as {@link TurnStatus#INTERRUPTED}. One connection, used by
 * one thread at a time (methods are synchronized; the app calls them from its history thread).
 */
public final class HistoryStore implements AutoCloseable {

    private static final int SCHEMA_VERSION = 1;

    private final Connection db;

    private HistoryStore(Connection db) {
        this.db = db;
    }

    /** Opens (creating when needed) the database at {@code file}. */
    public static HistoryStore open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=NORMAL");
                st.execute("PRAGMA foreign_keys=ON");
                st.execute("PRAGMA busy_timeout=5000");
            }
            HistoryStore store = new HistoryStore(db);
            store.migrate();
            store.markInterrupted();
            return store;
        } catch (IOException | SQLException e) {
            throw new HistoryException("cannot open the history database " + file + ": " + e.getMessage()
                    + "; check that the folder is writable", e);
        }
    }

    private void migrate() throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("""
                    CREATE TABLE IF NOT EXISTS conversations(
                      id INTEGER PRIMARY KEY, title TEXT NOT NULL,
                      created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL)""");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS turns(
                      id INTEGER PRIMARY KEY,
                      conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                      started_ms INTEGER NOT NULL, ended_ms INTEGER, status TEXT NOT NULL,
                      user_text TEXT NOT NULL, answer TEXT NOT NULL DEFAULT '', voice TEXT,
                      spoken_seconds REAL NOT NULL DEFAULT 0,
                      first_token_ms REAL, first_audio_ms REAL, tokens_per_second REAL,
                      error TEXT NOT NULL DEFAULT '')""");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS attachments(
                      turn_id INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
                      position INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL,
                      path TEXT NOT NULL, sha256 TEXT NOT NULL, seconds REAL NOT NULL,
                      thumb_width INTEGER, thumb_height INTEGER, thumb_argb BLOB,
                      PRIMARY KEY(turn_id, position))""");
            st.execute("CREATE INDEX IF NOT EXISTS turns_by_conversation ON turns(conversation_id, id)");
            st.execute("PRAGMA user_version=" + SCHEMA_VERSION);
        }
    }

    /** The journal mode SQLite reports ({@code wal} when the file system supports it). */
    public synchronized String journalMode() {
        return query("PRAGMA journal_mode", rs -> rs.getString(1));
    }

    private int markInterrupted() throws SQLException {
        try (PreparedStatement st = db.prepareStatement("UPDATE turns SET status=? WHERE status=?")) {
            st.setString(1, TurnStatus.INTERRUPTED.name());
            st.setString(2, TurnStatus.ANSWERING.name());
            return st.executeUpdate();
        }
    }

    public synchronized long createConversation(String title, long nowMs) {
        return update("INSERT INTO conversations(title, created_ms, updated_ms) VALUES(?,?,?)", st -> {
            st.setString(1, title);
            st.setLong(2, nowMs);
            st.setLong(3, nowMs);
        });
    }

    /** Newest first. */
    public synchronized List<ConversationSummary> conversations() {
        List<ConversationSummary> list = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("""
                SELECT c.id, c.title, c.created_ms, c.updated_ms, COUNT(t.id)
                FROM conversations c LEFT JOIN turns t ON t.conversation_id = c.id
                GROUP BY c.id ORDER BY c.updated_ms DESC, c.id DESC""");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                list.add(new ConversationSummary(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getInt(5)));
            }
            return list;
        } catch (SQLException e) {
            throw failed("list conversations", e);
        }
    }

    public synchronized Optional<ConversationSummary> conversation(long id) {
        return conversations().stream().filter(c -> c.id() == id).findFirst();
    }

    public synchronized void rename(long conversationId, String title) {
        update("UPDATE conversations SET title=? WHERE id=?", st -> {
            st.setString(1, title);
            st.setLong(2, conversationId);
        });
    }

    public synchronized void delete(long conversationId) {
        update("DELETE FROM conversations WHERE id=?", st -> st.setLong(1, conversationId));
    }

    /** Writes the turn's row (status {@link TurnStatus#ANSWERING}) and its attachments; returns its id. */
    public synchronized long startTurn(long conversationId, String userText, List<StoredAttachment> attachments,
                                       String voice, long nowMs) {
        try {
            db.setAutoCommit(false);
            long turnId = update("""
                    INSERT INTO turns(conversation_id, started_ms, status, user_text, voice) VALUES(?,?,?,?,?)""", st -> {
                st.setLong(1, conversationId);
                st.setLong(2, nowMs);
                st.setString(3, TurnStatus.ANSWERING.name());
                st.setString(4, userText);
                st.setString(5, voice);
            });
            for (int i = 0; i < attachments.size(); i++) {
                insertAttachment(turnId, i, attachments.get(i));
            }
            update("UPDATE conversations SET updated_ms=? WHERE id=?", st -> {
                st.setLong(1, nowMs);
                st.setLong(2, conversationId);
            });
            db.commit();
            return turnId;
        } catch (SQLException | RuntimeException e) {
            rollback();
            throw e instanceof HistoryException h ? h : failed("start a turn", e);
        } finally {
            autoCommit();
        }
    }

    private void insertAttachment(long turnId, int position, StoredAttachment a) {
        update("""
                INSERT INTO attachments(turn_id, position, kind, name, path, sha256, seconds,
                  thumb_width, thumb_height, thumb_argb) VALUES(?,?,?,?,?,?,?,?,?,?)""", st -> {
            Attachment shown = a.shown();
            st.setLong(1, turnId);
            st.setInt(2, position);
            st.setString(3, shown.kind().name());
            st.setString(4, shown.name());
            st.setString(5, a.path());
            st.setString(6, a.sha256());
            st.setDouble(7, shown.seconds());
            if (shown.thumbnail().isPresent()) {
                ArgbImage t = shown.thumbnail().get();
                st.setInt(8, t.width());
                st.setInt(9, t.height());
                st.setBytes(10, deflate(t.argb()));
            } else {
                st.setNull(8, Types.INTEGER);
                st.setNull(9, Types.INTEGER);
                st.setNull(10, Types.BLOB);
            }
        });
    }

    /** Saves the answer streamed so far, so a crash keeps what was already said. */
    public synchronized void checkpointAnswer(long turnId, String answerSoFar) {
        update("UPDATE turns SET answer=? WHERE id=? AND status=?", st -> {
            st.setString(1, answerSoFar);
            st.setLong(2, turnId);
            st.setString(3, TurnStatus.ANSWERING.name());
        });
    }

    public synchronized void finishTurn(long turnId, TurnOutcome outcome, long nowMs) {
        update("""
                UPDATE turns SET status=?, answer=?, spoken_seconds=?, first_token_ms=?, first_audio_ms=?,
                  tokens_per_second=?, error=?, ended_ms=? WHERE id=?""", st -> {
            st.setString(1, outcome.status().name());
            st.setString(2, outcome.answer());
            st.setDouble(3, outcome.spokenSeconds());
            setNullableDouble(st, 4, outcome.timings().map(TurnTimings::firstTokenMs));
            setNullableDouble(st, 5, outcome.timings().map(TurnTimings::firstAudioMs));
            setNullableDouble(st, 6, outcome.timings().map(TurnTimings::tokensPerSecond));
            st.setString(7, outcome.error());
            st.setLong(8, nowMs);
            st.setLong(9, turnId);
        });
    }

    /** The conversation's turns in order, with their attachments. */
    public synchronized List<StoredTurn> turns(long conversationId) {
        Map<Long, List<StoredAttachment>> attachments = attachments(conversationId);
        List<StoredTurn> turns = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("""
                SELECT id, started_ms, status, user_text, answer, voice, spoken_seconds,
                  first_token_ms, first_audio_ms, tokens_per_second, error
                FROM turns WHERE conversation_id=? ORDER BY id""")) {
            st.setLong(1, conversationId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    double firstToken = rs.getDouble(8);
                    Optional<TurnTimings> timings = rs.wasNull() ? Optional.empty()
                            : Optional.of(new TurnTimings(firstToken, rs.getDouble(9), rs.getDouble(10)));
                    turns.add(new StoredTurn(id, rs.getLong(2), TurnStatus.valueOf(rs.getString(3)), rs.getString(4),
                            attachments.getOrDefault(id, List.of()), rs.getString(5), rs.getString(6), rs.getDouble(7),
                            timings, rs.getString(11)));
                }
            }
            return turns;
        } catch (SQLException e) {
            throw failed("read conversation " + conversationId, e);
        }
    }

    private Map<Long, List<StoredAttachment>> attachments(long conversationId) {
        Map<Long, List<StoredAttachment>> byTurn = new HashMap<>();
        try (PreparedStatement st = db.prepareStatement("""
                SELECT a.turn_id, a.kind, a.name, a.path, a.sha256, a.seconds, a.thumb_width, a.thumb_height, a.thumb_argb
                FROM attachments a JOIN turns t ON t.id = a.turn_id
                WHERE t.conversation_id=? ORDER BY a.turn_id, a.position""")) {
            st.setLong(1, conversationId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    byte[] argb = rs.getBytes(9);
                    Optional<ArgbImage> thumb = argb == null ? Optional.empty()
                            : Optional.of(new ArgbImage(rs.getInt(7), rs.getInt(8), inflate(argb, rs.getInt(7) * rs.getInt(8))));
                    Attachment shown = new Attachment(Attachment.Kind.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getDouble(6), thumb);
                    byTurn.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new StoredAttachment(shown, rs.getString(4), rs.getString(5)));
                }
            }
            return byTurn;
        } catch (SQLException e) {
            throw failed("read attachments", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw failed("close", e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs an INSERT/UPDATE/DELETE; returns the generated row id (inserts) or 0. */
    private long update(String sql, Binder binder) {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            binder.bind(st);
            st.executeUpdate();
            if (!sql.stripLeading().startsWith("INSERT")) {
                return 0;
            }
            try (ResultSet keys = st.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw failed(sql.strip().split("\\s+")[0].toLowerCase(Locale.ROOT), e);
        }
    }

    private <T> T query(String sql, Reader<T> reader) {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return reader.read(rs);
        } catch (SQLException e) {
            throw failed("query", e);
        }
    }

    private static void setNullableDouble(PreparedStatement st, int index, Optional<Double> value) throws SQLException {
        if (value.isPresent()) {
            st.setDouble(index, value.get());
        } else {
            st.setNull(index, Types.REAL);
        }
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // The original failure is the one to report.
        }
    }

    private void autoCommit() {
        try {
            db.setAutoCommit(true);
        } catch (SQLException e) {
            throw failed("restore auto-commit", e);
        }
    }

    private static HistoryException failed(String what, Exception e) {
        return new HistoryException("history: cannot " + what + " (" + e.getMessage() + ")", e);
    }

    private static byte[] deflate(int[] argb) {
        ByteBuffer raw = ByteBuffer.allocate(argb.length * 4);
        raw.asIntBuffer().put(argb);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        deflater.setInput(raw.array());
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static int[] inflate(byte[] packed, int pixels) {
        Inflater inflater = new Inflater();
        inflater.setInput(packed);
        byte[] raw = new byte[pixels * 4];
        try {
            int n = 0;
            while (n < raw.length && !inflater.finished()) {
                n += inflater.inflate(raw, n, raw.length - n);
            }
        } catch (DataFormatException e) {
            throw new UncheckedIOException(new IOException("a stored thumbnail is damaged", e));
        } finally {
            inflater.end();
        }
        int[] argb = new int[pixels];
        ByteBuffer.wrap(raw).asIntBuffer().get(argb);
        return argb;
    }
}
