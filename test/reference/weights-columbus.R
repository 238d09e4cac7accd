# Reference for test/weights.test.ts: spdep's reading of the Columbus GAL file
# (/work/shared/reference/columbus.gal, written from spData::col.gal.nb by the lead's script).
# Run from the repository root: Rscript test/reference/weights-columbus.R
suppressMessages({ library(spdep); library(jsonlite) })
# test/reference/weights-columbus.gal is a byte copy of /work/shared/reference/columbus.gal
# (write.nb.gal(spData::col.gal.nb)), committed so the tests do not depend on /work/shared.
nb <- read.gal("test/reference/weights-columbus.gal")
lw <- nb2listw(nb, style = "W")
lwB <- nb2listw(nb, style = "B")
cW <- spweights.constants(lw)
cB <- spweights.constants(lwB)
out <- list(
  generated_by = "test/reference/weights-columbus.R",
  versions = list(R = R.version.string, spdep = as.character(packageVersion("spdep"))),
  ids = attr(nb, "region.id"),
  neighbors0 = lapply(nb, function(x) I(as.integer(x) - 1L)),
  weightsW = lapply(lw$weights, I),
  symmetric = is.symmetric.nb(nb),
  nLinks = sum(card(nb)),
  S0W = cW$S0, S1W = cW$S1, S2W = cW$S2,
  S0B = cB$S0, S1B = cB$S1, S2B = cB$S2,
  # dense W (style "W") as a row-major vector, for toDense()
  denseW = as.vector(t(listw2mat(lw)))
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "test/reference/weights-columbus.json")
