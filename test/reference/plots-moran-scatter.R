# Reference for test/moranScatter.test.ts: the numbers behind a Moran scatterplot of
# Columbus CRIME (spData::columbus with spData::col.gal.nb), from spdep.
# Run from the repository root: Rscript test/reference/plots-moran-scatter.R
suppressMessages({ library(spdep); library(spData); library(jsonlite) })
data(columbus, package = "spData")
nb <- col.gal.nb
lwW <- nb2listw(nb, style = "W")
lwB <- nb2listw(nb, style = "B")
x <- columbus$CRIME
z <- (x - mean(x)) / sqrt(mean((x - mean(x))^2))   # population sd
lagW <- lag.listw(lwW, z)
out <- list(
  generated_by = "test/reference/plots-moran-scatter.R",
  versions = list(R = R.version.string, spdep = as.character(packageVersion("spdep"))),
  crime = x,
  neighbors0 = lapply(nb, function(v) I(as.integer(v) - 1L)),
  weightsW = lapply(lwW$weights, I),
  weightsB = lapply(lwB$weights, I),
  moranIW = unname(moran(x, lwW, length(nb), Szero(lwW))$I),
  moranIB = unname(moran(x, lwB, length(nb), Szero(lwB))$I),
  # slope of lm(lag ~ z) for style W (spdep's moran.plot line)
  slopeW = unname(coef(lm(lagW ~ z))[2]),
  lagW = lagW
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "test/reference/plots-moran-scatter.json")
