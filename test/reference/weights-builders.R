# Reference for test/builders.test.ts: spdep 1.2-7 nb2listwdist on spData::columbus centroids (X, Y, projected):
# inverse distance (type "idw", alpha = 2) and exponential decay (type "exp", alpha = 0.5) within dmax = 4,
# style "raw"; and the spectral radius of the dense idw matrix (max |eigen|), for the spectral normalisation.
# Run from the repository root: Rscript test/reference/weights-builders.R  (writes test/reference/weights-builders.json)
suppressMessages({ library(spdep); library(spData); library(sf); library(jsonlite) })
xy <- cbind(columbus$X, columbus$Y)
nb <- dnearneigh(xy, 0, 4)
pts <- st_as_sf(data.frame(X = xy[, 1], Y = xy[, 2]), coords = c("X", "Y"))
idw <- listw2mat(nb2listwdist(nb, pts, type = "idw", alpha = 2, style = "raw", longlat = FALSE, zero.policy = TRUE))
ex <- listw2mat(nb2listwdist(nb, pts, type = "exp", alpha = 0.5, style = "raw", longlat = FALSE, zero.policy = TRUE))
out <- list(source = sprintf("R %s.%s, spdep %s", R.version$major, R.version$minor, packageVersion("spdep")),
            xy = lapply(seq_len(nrow(xy)), function(i) xy[i, ]),
            idw = as.vector(t(idw)), exp = as.vector(t(ex)), spectralRadiusIdw = max(Mod(eigen(idw, only.values = TRUE)$values)))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "test/reference/weights-builders.json")
