package vn.motcua

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.ZoneOffset
import java.time.temporal.ChronoUnit

/** Due dates in batches and the lunar calendar from Kotlin. */
class CalendarKotlinTest {
    private val dir = File(System.getProperty("motcua.vectors", "../../tests/vectors"))
    private val json = ObjectMapper()

    private fun load(name: String): JsonNode = json.readTree(File(dir, name).readBytes())

    private fun minute(t: LocalDateTime): Long = t.toEpochSecond(ZoneOffset.UTC) / 60

    private fun time(m: Long): String = LocalDateTime.ofEpochSecond(m * 60, 0, ZoneOffset.UTC).toString()

    private fun direct(size: Int): ByteBuffer = ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN)

    /** Receptions every 4 h 07 over about 3 years from 2025 (weekends, lunch, nights, Tết), enough to split over threads. */
    private val receptions: List<Long> =
        (0 until 6_000).map { minute(LocalDateTime.of(2025, 1, 1, 0, 0)) + it * 247L }

    @Test
    fun batchFormsAgreeWithOneByOne() {
        WorkClock("").use { clock ->
            for ((unit, cutoff) in listOf("working-days" to null, "working-hours" to "15:00", "calendar-days" to "16:30")) {
                val amounts = receptions.indices.map { it % 12 }
                val one = receptions.zip(amounts).map { (r, a) -> clock.dueMinute(r, a, unit, cutoff) }
                // Spot check the string form too (it is the same core call on the same inputs).
                for (i in receptions.indices step 97) {
                    assertEquals(time(one[i]), clock.due(time(receptions[i]), amounts[i], unit, cutoff))
                }
                val rec = direct(8 * receptions.size).apply { receptions.forEach { putLong(it) } }.flip()
                val amt = direct(4 * amounts.size).apply { amounts.forEach { putInt(it) } }.flip()
                for (threads in listOf(1, 2, 4)) {
                    assertEquals(one, clock.dueMany(receptions, amounts, unit, cutoff, threads), "$unit $threads")
                    val bytes = clock.dueManyDirect(rec, amt, unit, cutoff, threads)
                    val due = LongArray(receptions.size)
                    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(due)
                    assertArrayEquals(one.toLongArray(), due, "$unit $threads direct")
                }
                // One amount for every reception.
                val five = direct(4).putInt(5).flip()
                val withFive = receptions.map { clock.dueMinute(it, 5, unit, cutoff) }
                assertEquals(withFive, clock.dueMany(receptions, listOf(5), unit, cutoff, 2))
                val bytes = clock.dueManyDirect(rec, five, unit, cutoff, 2)
                assertEquals(withFive, (0 until receptions.size).map { ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(8 * it) })
            }
        }
    }

    @Test
    fun batchErrorsNameTheElement() {
        val clock = workClock("")
        val bad = receptions.toMutableList().also { it[4567] = minute(LocalDateTime.of(2199, 12, 31, 9, 0)) }
        val e = assertThrows<MotcuaException.Deadline> { clock.dueMany(bad, listOf(20), "working-days", null, 4) }
        assertEquals(5005, e.code)
        assertEquals("due[4567]", e.field)
        val neg = assertThrows<MotcuaException.Deadline> { clock.dueMany(listOf(0L, 0L), listOf(1, -2), "working-days", null, 1) }
        assertEquals("amount[1]", neg.field)
        val big = assertThrows<MotcuaException.Deadline> { clock.dueMany(listOf(0L, 0L), listOf(100_001), "working-days", null, 1) }
        assertEquals(5004, big.code)
        assertEquals("amount", big.field)
        val count = assertThrows<MotcuaException.Config> { clock.dueMany(listOf(0L, 0L), listOf(1, 2, 3), "working-days", null, 1) }
        assertEquals(9004, count.code)
        val threads = assertThrows<MotcuaException.Config> { clock.dueMany(listOf(0L), listOf(1), "working-days", null, 0) }
        assertEquals("threads", threads.field)
        val ragged = assertThrows<MotcuaException.Config> { clock.dueManyDirect(direct(12), direct(4), "working-days", null, 1) }
        assertEquals("received", ragged.field)
        assertEquals(0, clock.dueManyDirect(direct(0), direct(4).putInt(1).flip(), "working-days", null, 1).size)
        clock.close()
    }

    /** Months whose first day differs from PyEphem: new moons just before local midnight (see core/tests/lunar.rs). */
    private val nearMidnightNewMoons = mapOf(
        "1944-06-20" to "1944-06-21", "2072-12-09" to "2072-12-10", "2077-11-15" to "2077-11-16",
        "2130-05-07" to "2130-05-08", "2150-05-26" to "2150-05-27", "2159-05-17" to "2159-05-18",
        "2175-01-22" to "2175-01-23", "2199-01-26" to "2199-01-27",
    )

    @Test
    fun everyLunarMonthOfTheIndependentCalendar() {
        val v = load("lunar_months_1900_2199.json")
        assertEquals(7, v["timezone_hours"].asInt())
        val near = v["near_midnight"].filter { it["event"].asText() == "new_moon" }.map { it["local"].asText().take(10) }
        assertTrue(near.containsAll(nearMidnightNewMoons.keys))
        val rows = v["months"].toList()
        val starts = rows.map { LocalDate.parse(nearMidnightNewMoons[it[0].asText()] ?: it[0].asText()) }
        val end = LocalDate.parse(v["end"].asText())
        // Each month's first, 15th and last day both ways: the month boundaries are the whole table.
        var days = 0
        for ((i, r) in rows.withIndex()) {
            val length = ChronoUnit.DAYS.between(starts[i], starts.getOrElse(i + 1) { end }).toInt()
            assertTrue(length == 29 || length == 30, "month $r has $length days")
            for (n in listOf(1, 15, length)) {
                val day = starts[i].plusDays(n - 1L).toString()
                val want = LunarDate(r[1].asInt(), r[2].asInt(), n, r[3].asInt() == 1)
                assertEquals(want, lunarFromSolar(day), day)
                assertEquals(day, lunarToSolar(want))
            }
            days += length
        }
        assertEquals(3712, rows.size)
        assertEquals(109_618, days)
        val e = assertThrows<MotcuaException> { lunarFromSolar(end.toString()) }
        val area = when (e) {
            is MotcuaException.Config -> "config ${e.field}"
            is MotcuaException.Deadline, is MotcuaException.Identifier, is MotcuaException.Money,
            is MotcuaException.Transition, is MotcuaException.Payment, is MotcuaException.Internal,
            is MotcuaException.Recon, is MotcuaException.Parity, is MotcuaException.Catalog,
            is MotcuaException.Other -> "other"
        }
        assertEquals("config date", area)
    }

    @Test
    fun assessmentFromKotlin() {
        val clock = WorkClock("")
        val request = """{"received": "2026-11-24T09:00", "amount": 3, "unit": "working-days",
            "pauses": [{"kind": "supplement", "from": "2026-11-24T10:00"}], "at": "2026-11-30T09:00"}"""
        val r = clock.evaluate(request)
        assertEquals(null, r.due)
        assertTrue(r.paused)
        assertEquals(1, r.supplements)
        val a = r.assessment!!
        assertEquals(Standing.ON_TRACK, a.standing)
        assertEquals("2026-11-24T10:00", a.scoredAt)
        assertEquals(60L, a.elapsedWorkingMinutes)
        clock.destroy()
    }
}
