# Reference for test/distance.test.ts: spdep knearneigh / dnearneigh on spData point sets.
#  - projected: spData::columbus centroids (X, Y)
#  - lon/lat:   spData::boston.c tract points (LON, LAT), longlat = TRUE on a coordinate matrix
#    (spdep's C code with its WGS-84 ellipsoid distance `gcdist`; dbscan is not installed here, so the
#    projected case also runs spdep's own C code)
# Run from the repository root: Rscript test/reference/weights-distance.R
suppressMessages({ library(spdep); library(spData); library(jsonlite) })
z <- function(nb) lapply(nb, function(v) I(if (length(v) == 1 && v[1] == 0L) integer(0) else as.integer(v) - 1L))
xy <- cbind(columbus$X, columbus$Y)
ll <- cbind(boston.c$LON, boston.c$LAT)
# tie check: a 3x3 lattice has many equal distances
lat <- as.matrix(expand.grid(x = 1:3, y = 1:3))
nbd_ll <- dnearneigh(ll, 0, 2, longlat = TRUE)
nb15 <- dnearneigh(xy, 0, 1.5)
idw <- lapply(nbdists(nb15, xy), function(d) 1 / d)  # inverse-distance weights, power 1
out <- list(
  generated_by = "test/reference/weights-distance.R",
  versions = list(R = R.version.string, spdep = as.character(packageVersion("spdep")), spData = as.character(packageVersion("spData"))),
  dbscan = requireNamespace("dbscan", quietly = TRUE),
  columbusXY = lapply(seq_len(nrow(xy)), function(i) xy[i, ]),
  bostonLonLat = lapply(seq_len(nrow(ll)), function(i) ll[i, ]),
  lattice = lapply(seq_len(nrow(lat)), function(i) unname(lat[i, ])),
  knn4_columbus = z(knn2nb(knearneigh(xy, k = 4))),
  knn1_columbus = z(knn2nb(knearneigh(xy, k = 1))),
  knn6_boston = z(knn2nb(knearneigh(ll, k = 6, longlat = TRUE))),
  knn2_lattice = z(knn2nb(knearneigh(lat, k = 2))),
  knn5_lattice = z(knn2nb(knearneigh(lat, k = 5))),
  dnn_columbus_1.5 = z(dnearneigh(xy, 0, 1.5)),
  dnn_columbus_0.8_2 = z(dnearneigh(xy, 0.8, 2)),
  dnn_boston_2km = z(nbd_ll),
  idw_columbus_1.5 = lapply(idw, I),
  gcdist_samples = list(
    from = ll[1, ], to = lapply(c(2, 50, 300, 506), function(i) ll[i, ]),
    km = sapply(c(2, 50, 300, 506), function(i) spDistsN1(matrix(ll[i, ], 1), ll[1, ], longlat = TRUE)))
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "test/reference/weights-distance.json")
