package vn.motcua

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File

/** The procedure catalogue from Kotlin: a constructor, filters, extended synonyms, an exception with its code. */
class CatalogKotlinTest {
    private val vectors = File(System.getProperty("motcua.vectors", "../../tests/vectors"), "catalog")

    @Test
    fun searchWithFiltersAndSynonyms() {
        Catalog(File(vectors, "procedures.csv").readText(Charsets.UTF_8), format = null, synonyms = null).use { c ->
            assertEquals(2849L, c.size())
            val hits = c.search("dang ky khai sinh", limit = 5, level = "xa", field = null, agency = null)
            assertTrue(hits.isNotEmpty())
            hits.forEach { assertTrue(it.levels.lowercase().contains("cấp xã"), it.levels) }
            assertEquals("1.000757", c.search("1000757", 1, null, null, null).single().code)
        }
        val small = "ma_thu_tuc,ten_thu_tuc\n1.000001,Cấp giấy phép khai thác khoáng sản\n"
        Catalog(small, null, "tu_go,thay_bang\ngpks,giấy phép khai thác khoáng sản\n").use { c ->
            assertEquals("1.000001", c.search("gpks", 1, null, null, null).first().code)
        }
        val e = assertThrows<MotcuaException.Catalog> { Catalog(small, "xml", null) }
        assertEquals(7201, e.code())
        assertEquals("format", e.field())
    }
}
