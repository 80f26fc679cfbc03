package vn.motcua

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File

/** Payments from Kotlin: default arguments of QrRequest, `when` on outcomes and on the sealed error. */
class PaymentsKotlinTest {
    private val dir = File(System.getProperty("motcua.vectors", "../../tests/vectors"))
    private val json = ObjectMapper()

    private fun load(name: String): JsonNode = json.readTree(File(dir, name).readBytes())

    @Test
    fun qrWithDefaultArguments() {
        val payload = qrBuild(QrRequest(bin = "970403", account = "0011012345678", amount = 180_000, purpose = "Lệ phí HS 0001"))
        val report = qrParse(payload, strict = true)
        assertTrue(report.valid, report.toString())
        assertEquals(180_000L, report.amount)
        assertEquals("Le phi HS 0001", report.purpose)
        assertEquals("Sacombank", report.bank)
        assertEquals(emptyList<QrWarning>(), report.warnings)
        // The NAPAS vectors that carry a build request reproduce their payload.
        for (c in load("vietqr.json")["cases"].filter { it.has("build") }) {
            val b = c["build"]
            val req = QrRequest(
                bin = b["bin"].asText(),
                account = b["account"].asText(),
                service = b["service"]?.asText(),
                amount = b["amount"]?.asLong(),
                purpose = b["purpose"]?.asText(),
                billNumber = b["bill_number"]?.asText(),
            )
            assertEquals(c["payload"].asText(), qrBuild(req), c["id"].asText())
        }
        val png = qrPng(payload, 4)
        assertArrayEquals(byteArrayOf(0x89.toByte(), 'P'.code.toByte(), 'N'.code.toByte(), 'G'.code.toByte()), png.copyOf(4))
        val e = assertThrows<MotcuaException.Payment> { qrSvg("x".repeat(2332), 4) }
        assertEquals(6006, e.code)
    }

    @Test
    fun callbacksByOutcome() {
        val outcomes = load("payment_flows.json")["callbacks"].map { c ->
            val got = payCheckCallback(
                c["callback"].toString(),
                c["secret"].asText(),
                c["requested_amount"].takeUnless { it.isNull }?.asLong(),
                c["previous"].takeUnless { it.isNull }?.toString(),
            )
            assertEquals(c["outcome"].asText(), got.outcome, c["name"].asText())
            when (got.outcome) {
                "paid" -> "paid ${got.soTien}"
                "failed" -> "failed ${got.maLoi}"
                "replay" -> "replay"
                else -> "rejected ${got.code}"
            }
        }
        assertTrue("paid 50000" in outcomes, outcomes.toString())
        assertTrue("failed 24" in outcomes, outcomes.toString())
        assertTrue("rejected 6107" in outcomes, outcomes.toString())
    }

    @Test
    fun paymentErrorsInTheSealedHierarchy() {
        val e = assertThrows<MotcuaException> { payNextPoll("""{"initiated_at": "2026-11-24 03:30 PM", "now": "2026-11-24T15:31:00"}""") }
        val area = when (e) {
            is MotcuaException.Payment -> "payment ${e.code} ${e.field}"
            is MotcuaException.Identifier, is MotcuaException.Money, is MotcuaException.Transition,
            is MotcuaException.Deadline, is MotcuaException.Config, is MotcuaException.Internal,
            is MotcuaException.Recon, is MotcuaException.Parity, is MotcuaException.Catalog,
            is MotcuaException.Other -> "other"
        }
        assertEquals("payment 6103 initiated_at", area)
        val poll = payNextPoll("""{"initiated_at": "2026-11-24T15:30:00", "now": "2026-11-24T15:30:00"}""")
        assertEquals(PollDecision(queryAt = "2026-11-24T15:32:00", escalate = false), poll)
        val receipt = receiptCheck(load("receipts.json")["cases"][0]["receipt"].toString(), true, null)
        assertTrue(receipt.valid)
        assertEquals(70_000L, receipt.totalLePhi)
    }
}
