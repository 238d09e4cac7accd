# Reference for test/contiguity.test.ts: spdep::poly2nb (queen and rook) on two polygon sets,
#  - spData's Columbus shapes (49 POLYGONs, planar coordinates), id = POLYID
#  - sf's North Carolina counties (100 MULTIPOLYGONs, NAD27 lon/lat), id = FIPS
# The polygons are written to GeoJSON (id column only) and READ BACK before poly2nb, so R and our code see
# exactly the same coordinates. Run from the repository root: Rscript test/reference/weights-poly2nb.R
suppressMessages({ library(sf); library(spdep); library(jsonlite) })
one <- function(src, idcol, name) {
  g <- st_read(src, quiet = TRUE)[, idcol]
  path <- file.path("test/reference", paste0("weights-", name, ".geojson"))
  if (file.exists(path)) file.remove(path)
  st_write(g, path, quiet = TRUE, layer_options = "RFC7946=NO")
  g2 <- st_read(path, quiet = TRUE)
  q <- poly2nb(g2, queen = TRUE, row.names = as.character(g2[[idcol]]))
  r <- poly2nb(g2, queen = FALSE, row.names = as.character(g2[[idcol]]))
  z <- function(nb) lapply(nb, function(v) I(if (length(v) == 1 && v[1] == 0L) integer(0) else as.integer(v) - 1L))
  list(file = path, idField = idcol, ids = as.character(g2[[idcol]]),
       geometryType = as.character(class(st_geometry(g2))[1]),
       queen = z(q), rook = z(r), queenLinks = sum(card(q)), rookLinks = sum(card(r)))
}
# Synthetic unit squares (hand-made, test/reference/weights-toy-polygons.geojson, not data): corner vs edge
# contacts, a MultiPolygon, an island, and a ring that starts at a corner-only contact point.
toy <- st_read("test/reference/weights-toy-polygons.geojson", quiet = TRUE)
zt <- function(nb) lapply(nb, function(v) I(if (length(v) == 1 && v[1] == 0L) integer(0) else as.integer(v) - 1L))
out <- list(
  toy = list(ids = toy$code, queen = zt(poly2nb(toy, queen = TRUE)), rook = zt(poly2nb(toy, queen = FALSE))),
  generated_by = "test/reference/weights-poly2nb.R",
  versions = list(R = R.version.string, spdep = as.character(packageVersion("spdep")),
                  sf = as.character(packageVersion("sf")), spData = as.character(packageVersion("spData"))),
  snap = sqrt(.Machine$double.eps),
  columbus = one(system.file("shapes/columbus.shp", package = "spData"), "POLYID", "columbus-polygons"),
  nc = one(system.file("shape/nc.shp", package = "sf"), "FIPS", "nc-polygons")
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "test/reference/weights-poly2nb.json")
