# Reference contiguity for test/china-weights.test.ts: spdep::poly2nb on the committed GeoJSON
# (datasets/china-geo/*.geojson), queen and rook, for the 31 panel provinces and the 9 Jilin units;
# plus the province nearest to 海南 (460000) by great-circle distance between planar polygon centroids.
# Run from the repository root:  Rscript test/reference/china-weights.R
suppressPackageStartupMessages({ library(sf); library(spdep); library(jsonlite) })
sf_use_s2(FALSE)  # planar (lon/lat) geometry, as the GeoJSON is used by lib/data

nb_by_id <- function(shape, queen) {
  ids <- as.character(shape$adcode)
  nb <- poly2nb(shape, queen = queen)  # default snap = sqrt(.Machine$double.eps): shared vertices
  out <- lapply(seq_along(ids), function(i) I(if (nb[[i]][1] == 0) character(0) else sort(ids[nb[[i]]])))
  names(out) <- ids
  out
}

prov <- st_read("datasets/china-geo/china-provinces.geojson", quiet = TRUE)
prov <- prov[prov$in_panel, ]
prov <- prov[order(prov$adcode), ]
jilin <- st_read("datasets/china-geo/jilin-prefectures.geojson", quiet = TRUE)
jilin <- jilin[order(jilin$adcode), ]

cent <- suppressWarnings(st_coordinates(st_centroid(st_geometry(prov))))
hav <- function(a, b) {  # great-circle distance (km), haversine, R = 6371
  r <- pi / 180; dlat <- (b[2] - a[2]) * r; dlon <- (b[1] - a[1]) * r
  h <- sin(dlat / 2)^2 + cos(a[2] * r) * cos(b[2] * r) * sin(dlon / 2)^2
  2 * 6371 * asin(sqrt(h))
}
ih <- which(prov$adcode == "460000")
d <- sapply(seq_len(nrow(prov)), function(j) if (j == ih) Inf else hav(cent[ih, ], cent[j, ]))

res <- list(
  meta = list(R = R.version.string, spdep = as.character(packageVersion("spdep")), sf = as.character(packageVersion("sf")),
              note = "poly2nb(queen=TRUE/FALSE) on datasets/china-geo/*.geojson; sf_use_s2(FALSE); centroids st_centroid (planar)"),
  provinces_queen = nb_by_id(prov, TRUE),
  provinces_rook = nb_by_id(prov, FALSE),
  jilin_queen = nb_by_id(jilin, TRUE),
  jilin_rook = nb_by_id(jilin, FALSE),
  hainan_nearest = prov$adcode[which.min(d)],
  hainan_nearest_km = min(d),
  centroids = setNames(lapply(seq_len(nrow(prov)), function(i) unname(cent[i, ])), prov$adcode)
)
writeLines(toJSON(res, auto_unbox = TRUE, digits = NA, pretty = FALSE), "test/reference/china-weights.json")
