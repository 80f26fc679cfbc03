package vn.motcua;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The FFI boundary: panics, text encoding under LANG=C, and where the native library comes from. */
class BoundaryJavaTest {
    static final String CONFIG = "{\"today\":\"2026-11-24\"}";

    @Test
    void aPanicIsAnExceptionNotACrash() throws Exception {
        MotcuaException e = assertThrows(MotcuaException.class, MotcuaKt::debugPanic);
        assertInstanceOf(MotcuaException.Internal.class, e);
        assertEquals(9001, e.code());
        assertEquals("debug_panic", e.field());
        // The library is still usable afterwards.
        assertTrue(MotcuaKt.check("mst", "0100109106", CONFIG).getValid());
    }

    @Test
    void aPanicOutsideTheGuardIsUniffisInternalException() throws Exception {
        // Every exported function that can fail runs under the guard; this one deliberately does
        // not, to pin what uniffi itself raises for an escaped panic: vn.motcua.InternalException
        // (a java.lang.Exception that is not a MotcuaException). Still no JVM crash.
        Exception e = assertThrows(Exception.class, MotcuaKt::debugPanicUnguarded);
        assertEquals("vn.motcua.InternalException", e.getClass().getName());
        assertTrue(MotcuaKt.check("mst", "0100109106", CONFIG).getValid());
    }

    @Test
    void testsRunUnderAnAsciiDefaultCharset() {
        // Guards the next test: the pom runs surefire with LANG=C and file.encoding=ANSI_X3.4-1968.
        assertEquals("US-ASCII", Charset.defaultCharset().name());
        assertEquals("C", System.getenv("LANG"));
    }

    @Test
    void vietnameseTextRoundTripsUnderLangC() throws Exception {
        // Written with escapes so the assertion does not depend on how this file was decoded.
        String dangXuLy = "\u0110ang x\u1eed l\u00fd"; // Đang xử lý
        StateInfo processing = MotcuaKt.machineStates("dossier").get(3);
        assertEquals(dangXuLy, processing.getLabelVi());
        assertArrayEquals(dangXuLy.getBytes(StandardCharsets.UTF_8),
                processing.getLabelVi().getBytes(StandardCharsets.UTF_8));

        // Java -> Rust -> Java: a reason with diacritics is accepted as non-blank, and a status
        // name with diacritics comes back quoted exactly in the error detail.
        String reason = "Thi\u1ebfu t\u1edd khai"; // Thiếu tờ khai
        TransitionState refused = MotcuaKt.transition("dossier",
                new TransitionRequest("1", null, "3", reason, false, ResumePolicy.RESUME));
        assertEquals("refused", refused.getKey());
        // One word: two words of letters could be a name, so a message would give only the length.
        String status = "\u0111\u00e3x\u1eedl\u00fd"; // đãxửlý
        MotcuaException e = assertThrows(MotcuaException.class, () -> MotcuaKt.transition("dossier",
                new TransitionRequest(status, null, "2", null, false, ResumePolicy.RESUME)));
        assertEquals(3001, e.code());
        assertTrue(e.describe().contains("\"" + status + "\""), e.describe());

        // Values echo back unchanged, and the mermaid export carries the labels.
        String value = "M\u00e3 s\u1ed1 \u0111\u1ecbnh danh"; // Mã số định danh
        assertEquals(value, MotcuaKt.check("cccd", value, CONFIG).getValue());
        assertTrue(MotcuaKt.states("dossier", StatesFormat.MERMAID).contains("s4 : 4 " + dangXuLy));
        // Payload text with diacritics (ByteArray in, strings out).
        String doc = "{\"service\":\"DongBoHoSoMC\",\"data\":[{\"TrichYeuHoSo\":\"" + value + "\"}]}";
        List<Issue> issues = MotcuaKt.validateDocument(doc.getBytes(StandardCharsets.UTF_8), CONFIG);
        assertFalse(issues.isEmpty());
    }

    @Test
    void theNativeLibraryComesFromTheJarResources() throws Exception {
        // JNA's resource path: linux-x86-64/libmotcua_uniffi.so on the classpath (jna.nosys=true).
        assertNotNull(BoundaryJavaTest.class.getClassLoader().getResource("linux-x86-64/libmotcua_uniffi.so"));
        assertEquals("0.1.0", MotcuaKt.version());
    }
}
