package vn.motcua

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import java.io.File

/** Reconciliation (đối soát) and status parity from Kotlin: named arguments, `recordClass`, JSON totals. */
class ReconKotlinTest {
    private val vectors = File(System.getProperty("motcua.vectors", "../../tests/vectors"), "recon")
    private val examples = File(System.getProperty("motcua.examples", "../../examples"))
    private val json = ObjectMapper()

    @TempDir
    lateinit var tmp: File

    private fun recon(name: String) = File(vectors, name).path

    /** A CSV text (header row, RFC 4180 quoting) as one map per row keyed by the header. */
    private fun readCsv(text: String): List<Map<String, String>> {
        val records = mutableListOf<List<String>>()
        var record = mutableListOf<String>()
        val field = StringBuilder()
        var quoted = false
        var any = false
        var i = 0
        fun endRecord() {
            if (any || field.isNotEmpty()) {
                record.add(field.toString())
                records.add(record)
            }
            record = mutableListOf()
            field.setLength(0)
            any = false
        }
        while (i < text.length) {
            val c = text[i]
            when {
                quoted && c == '"' && i + 1 < text.length && text[i + 1] == '"' -> { field.append('"'); i++ }
                quoted && c == '"' -> quoted = false
                quoted -> field.append(c)
                c == '"' -> { quoted = true; any = true }
                c == ',' -> { record.add(field.toString()); field.setLength(0); any = true }
                c == '\r' || c == '\n' -> {
                    if (c == '\r' && i + 1 < text.length && text[i + 1] == '\n') i++
                    endRecord()
                }
                else -> { field.append(c); any = true }
            }
            i++
        }
        endRecord()
        val header = records.first()
        return records.drop(1).map { r ->
            assertEquals(header.size, r.size, r.toString())
            header.zip(r).toMap()
        }
    }

    private fun readCsv(file: File) = readCsv(file.readBytes().toString(Charsets.UTF_8))

    private data class Key(val source: String, val id: String)
    private data class Want(val klass: String, val maHoSo: String, val maThamChieu: String)

    /** expected.csv lists every bank line and every successful payment (trang_thai_gd == 1). */
    private fun assertMatchesExpected(got: Map<Key, Want>) {
        val want = readCsv(File(vectors, "expected.csv"))
            .associate { Key(it["source"]!!, it["id"]!!) to Want(it["class"]!!, it["ma_ho_so"]!!, it["ma_tham_chieu"]!!) }
        assertEquals(2602, want.size)
        val wrong = want.filter { (k, v) -> got[k] != v }.map { (k, v) -> "$k: want $v, got ${got[k]}" }
        assertTrue(wrong.isEmpty(), "${wrong.size} rows differ: ${wrong.take(20)}")
        assertEquals(want.keys, got.keys)
    }

    private fun counted(source: String, trangThaiGd: Int?) = source != "payment" || trangThaiGd == 1

    @Test
    fun filesReproduceExpected() {
        val out = File(tmp, "results.jsonl")
        val summary = json.readTree(
            reconcileFiles(
                dossiers = recon("dossiers.csv"),
                payments = recon("payments.csv"),
                bank = recon("bank.csv"),
                out = out.path,
                windowHours = null,
                fields = null,
            ),
        )
        assertEquals(1173, summary.at("/output/bank/matched/rows").asInt(), summary.toString())
        val rows = out.readLines(Charsets.UTF_8).map { json.readTree(it) }
        assertEquals(summary.at("/input/bank/rows").asInt() + summary.at("/input/payment/rows").asInt(), rows.size)
        val got = rows
            .filter { counted(it["source"].asText(), it["trang_thai_gd"]?.asInt()) }
            .associate { Key(it["source"].asText(), it["id"].asText()) to Want(it["class"].asText(), it["ma_ho_so"].asText(), it["ma_tham_chieu"].asText()) }
        assertMatchesExpected(got)
    }

    @Test
    fun inMemoryReproducesExpected() {
        val r = reconcile(
            dossiers = readCsv(File(vectors, "dossiers.csv")),
            payments = readCsv(File(vectors, "payments.csv")),
            bank = readCsv(File(vectors, "bank.csv")),
            windowHours = 96,
        )
        val got = r.rows
            .filter { counted(it.source, it.trangThaiGd) }
            .associate { Key(it.source, it.id) to Want(it.recordClass, it.maHoSo, it.maThamChieu) }
        assertMatchesExpected(got)
        val byClass = r.rows.filter { it.source == "bank" }.groupingBy { it.recordClass }.eachCount()
        val summary: JsonNode = json.readTree(r.summary)
        for ((klass, n) in byClass) {
            assertEquals(n, summary.at("/output/bank/$klass/rows").asInt(), klass)
        }
        // A Kotlin `when` over the stable class keys.
        val needsAPerson = r.rows.count {
            when (it.recordClass) {
                "ambiguous", "unknown_dossier", "amount_mismatch", "paid_not_updated" -> true
                else -> false
            }
        }
        assertTrue(needsAPerson > 0)
    }

    @Test
    fun badRowsAndBadArguments() {
        val dossier = mapOf(
            "ma_ho_so" to "000.00.14.H40-260609-0001", "ngay_tiep_nhan" to "20260609093500",
            "tong_phi" to "30000", "tk_thu_huong" to "303794335041",
        )
        val bank = listOf(
            mapOf("ma_giao_dich_nh" to "NH9", "thoi_gian" to "2026-06-10 09:00:00", "so_tien" to "-30000",
                "tk_thu_huong" to "303794335041", "noi_dung" to "nop phi 000.00.14.H40-260609-0001"),
        )
        val r = reconcile(listOf(dossier), emptyList(), bank, null)
        val row = r.rows.single()
        assertEquals("invalid_input", row.recordClass)
        val e = requireNotNull(row.error) { row.toString() }
        assertEquals(7003, e.code)
        assertEquals("recon_amount", e.name)
        assertEquals("so_tien", e.field)
        // A missing file is MotcuaException.Config (9004), field naming the argument.
        val missing = assertThrows<MotcuaException.Config> {
            reconcileFiles(File(tmp, "none.csv").path, recon("payments.csv"), recon("bank.csv"), File(tmp, "o.jsonl").path, null, null)
        }
        assertEquals(9004, missing.code)
        assertEquals("dossiers", missing.field)
        val window = assertThrows<MotcuaException> { reconcile(emptyList(), emptyList(), emptyList(), windowHours = 0) }
        assertEquals(9004, window.code())
    }

    @Test
    fun parity() {
        fun verdict(vararg rows: String): JsonNode =
            json.readTree(parityJson("ma_ho_so,system,trang_thai,updated_at\n" + rows.joinToString("\n"), "csv"))
        val consistent = verdict("H-1,portal,4,20250715081500", "H-1,coordination,4,20250715081600")
        assertEquals("consistent", consistent["entries"][0]["class"].asText())
        val lagging = verdict("H-2,portal,2,20250715083000", "H-2,sectoral,4,20250715091500")
        assertEquals("lagging", lagging["entries"][0]["class"].asText())
        assertEquals("sectoral", lagging["entries"][0]["leader"]["system"].asText())
        val conflicting = verdict("H-3,portal,3,20250715080000", "H-3,sectoral,9,20250715150000")
        assertEquals("conflicting", conflicting["entries"][0]["class"].asText())
        assertEquals("manual_review", conflicting["entries"][0]["actions"][0]["kind"].asText())
        // Stopped (8) can reach processed (9) through an administrative reopen: lagging, not conflicting.
        val reopen = verdict("H-5,portal,8,20250715100000", "H-5,sectoral,9,20250715153000")
        assertEquals("lagging", reopen["entries"][0]["class"].asText())
        assertEquals(1, reopen["summary"]["needs_admin"].asInt())
        val invalid = verdict("H-4,portal,4,2025-07-15T08:00:00")
        assertEquals("invalid_input", invalid["entries"][0]["class"].asText())
        assertEquals(7103, invalid["entries"][0]["error"]["code"].asInt())
        assertTrue(invalid["summary"]["balanced"].asBoolean())

        val out = File(tmp, "parity.jsonl")
        val summary = json.readTree(parityFiles(statuses = File(examples, "parity/statuses.csv").path, out = out.path))
        assertTrue(summary["balanced"].asBoolean(), summary.toString())
        assertEquals(summary["entries"]["total"].asInt(), out.readLines(Charsets.UTF_8).size)
        val e = assertThrows<MotcuaException.Config> { parityFiles(File(tmp, "statuses.txt").path, out.path) }
        assertEquals("statuses", e.field)
    }
}
