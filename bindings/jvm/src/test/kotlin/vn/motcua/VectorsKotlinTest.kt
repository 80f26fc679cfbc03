package vn.motcua

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File

/** The shared vectors from Kotlin, in idiomatic style (named arguments, `when` on the sealed error). */
class VectorsKotlinTest {
    private val dir = File(System.getProperty("motcua.vectors", "../../tests/vectors"))
    private val json = ObjectMapper()

    private fun load(name: String): JsonNode = json.readTree(File(dir, name).readBytes())

    private fun config(c: JsonNode, file: JsonNode): String = (c["config"] ?: file["config"])?.toString() ?: ""

    private fun JsonNode.textOrNull(field: String): String? = this[field]?.takeUnless { it.isNull }?.asText()

    @Test
    fun identifiersInBatchesPerKind() {
        val file = load("identifiers.json")
        val cases = file["cases"].toList()
        // One crossing per (kind, config): the batch form over the whole vector file.
        for ((key, group) in cases.groupBy { it["kind"].asText() to config(it, file) }) {
            val (kind, cfg) = key
            val results = checkMany(kind, group.map { it["value"].asText() }, cfg)
            for ((c, r) in group.zip(results)) {
                assertEquals(c["valid"].asBoolean(), r.valid, "$kind ${c["value"]}")
                if (r.valid) {
                    assertEquals(c["canonical"].asText(), r.canonical)
                } else {
                    assertEquals(c["error_code"].asInt(), r.error?.code)
                }
            }
        }
        assertTrue(cases.size > 80)
    }

    @Test
    fun transitionsInOneBatchPerMachine() {
        val cases = load("transitions.json")["cases"].toList()
        for ((machine, group) in cases.groupBy { it["machine"].asText() }) {
            val requests = group.map {
                TransitionRequest(
                    from = it["from"].asText(),
                    pausedFrom = it.textOrNull("paused_from"),
                    to = it["to"].asText(),
                    reason = it.textOrNull("reason"),
                    admin = it["admin"]?.asBoolean() ?: false,
                    policy = if (it.textOrNull("policy") == "restart") ResumePolicy.RESTART else ResumePolicy.RESUME,
                )
            }
            for ((c, o) in group.zip(transitionMany(machine, requests))) {
                if (c.has("to_state")) {
                    assertEquals(c["to_state"].asText(), o.state?.key, c.toString())
                    assertEquals(c.textOrNull("paused_from_after"), o.state?.pausedFrom, c.toString())
                } else {
                    assertEquals(c["error_code"].asInt(), o.error?.code, c.toString())
                }
            }
        }
    }

    @Test
    fun syncVectors() {
        val file = load("sync.json")
        for (c in file["cases"]) {
            val text = c["raw"]?.asText() ?: c["document"].toString()
            val got = validateDocument(text.toByteArray(Charsets.UTF_8), config(c, file)).map { it.code to it.path }.toSet()
            val want = c["issues"].map { it["code"].asInt() to it["path"].asText() }.toSet()
            assertEquals(want, got, c["name"].asText())
        }
    }

    @Test
    fun errorsAreASealedHierarchy() {
        val e = assertThrows<MotcuaException> {
            transition("dossier", TransitionRequest("8", null, "4", null, false, ResumePolicy.RESUME))
        }
        val area = when (e) {
            is MotcuaException.Transition -> "transition ${e.code}"
            is MotcuaException.Identifier, is MotcuaException.Money, is MotcuaException.Deadline,
            is MotcuaException.Payment, is MotcuaException.Config, is MotcuaException.Internal,
            is MotcuaException.Recon, is MotcuaException.Parity, is MotcuaException.Catalog,
            is MotcuaException.Other -> "other"
        }
        assertEquals("transition 3007", area)
        assertEquals(3007, e.code())
        val panic = assertThrows<MotcuaException.Internal> { debugPanic() }
        assertEquals(9001, panic.code)
    }
}
