# Reference for test/moran.test.ts and test/localMoran.test.ts: Moran's I and local Moran on Columbus.
# Data: spData::columbus (CRIME, INC, HOVAL, X, Y), neighbours spData::col.gal.nb.
# Run from the repository root: Rscript test/reference/moran-columbus.R
suppressMessages({ library(spdep); library(spData); library(jsonlite) })
data(columbus, package = "spData")
nb <- col.gal.nb
lwW <- nb2listw(nb, style = "W")
lwB <- nb2listw(nb, style = "B")
x <- columbus$CRIME

mt <- function(x, lw, randomisation, alternative = "greater", zero.policy = FALSE) {
  r <- moran.test(x, lw, randomisation = randomisation, alternative = alternative, zero.policy = zero.policy)
  list(I = unname(r$estimate[1]), EI = unname(r$estimate[2]), var = unname(r$estimate[3]),
       z = unname(r$statistic), p = r$p.value)
}
both <- function(x, lw, alternative = "greater", zero.policy = FALSE)
  list(normal = mt(x, lw, FALSE, alternative, zero.policy), random = mt(x, lw, TRUE, alternative, zero.policy))

# asymmetric weights: 4 nearest neighbours on the (X, Y) centroids, row-standardized
knn4 <- knn2nb(knearneigh(cbind(columbus$X, columbus$Y), k = 4))
lwK <- nb2listw(knn4, style = "W")

# an island: region 49's links removed in both directions, zero.policy = TRUE
nbI <- nb
for (j in nbI[[49]]) nbI[[j]] <- nbI[[j]][nbI[[j]] != 49L]
nbI[[49]] <- 0L
lwI <- nb2listw(nbI, style = "W", zero.policy = TRUE)

lm0 <- localmoran(x, lwW)                       # conditional = TRUE, two.sided (defaults)
lm1 <- localmoran(x, lwW, conditional = FALSE)  # total randomisation (Anselin 1995)
lmG <- localmoran(x, lwW, alternative = "greater")
quadr <- attr(lm0, "quadr")
set.seed(1)
mc <- moran.mc(x, lwW, nsim = 9999)
wcW <- spweights.constants(lwW); wcK <- spweights.constants(lwK)

# normal upper-tail probabilities for checking our pnorm
zgrid <- c(-8, -3.54, -3.53, -1.96, -0.5, 0, 0.3, 1.644854, 3.53, 3.54, 5, 8.3, 12, 20)

out <- list(
  generated_by = "test/reference/moran-columbus.R",
  versions = list(R = R.version.string, spdep = as.character(packageVersion("spdep")),
                  spData = as.character(packageVersion("spData"))),
  ids = attr(nb, "region.id"),
  neighbors0 = lapply(nb, function(v) I(as.integer(v) - 1L)),
  CRIME = x, INC = columbus$INC, HOVAL = columbus$HOVAL, POLYID = columbus$POLYID,
  crimeW = both(x, lwW),
  crimeWless = both(x, lwW, "less"),
  crimeWtwo = both(x, lwW, "two.sided"),
  crimeB = both(x, lwB),
  incW = both(columbus$INC, lwW),
  knn4_neighbors0 = lapply(knn4, function(v) I(as.integer(v) - 1L)),
  crimeKnn4 = both(x, lwK),
  constantsW = wcW[c("S0", "S1", "S2")], constantsKnn4 = wcK[c("S0", "S1", "S2")],
  island_neighbors0 = lapply(nbI, function(v) I(if (length(v) == 1 && v[1] == 0L) integer(0) else as.integer(v) - 1L)),
  crimeIsland = both(x, lwI, zero.policy = TRUE),
  moranMC9999 = list(seed = 1, p = mc$p.value, statistic = unname(mc$statistic)),
  local = list(Ii = unname(lm0[, "Ii"]), EIi = unname(lm0[, "E.Ii"]), VarIi = unname(lm0[, "Var.Ii"]),
               ZIi = unname(lm0[, "Z.Ii"]), p = unname(lm0[, 5])),
  localTotal = list(Ii = unname(lm1[, "Ii"]), EIi = unname(lm1[, "E.Ii"]), VarIi = unname(lm1[, "Var.Ii"]),
                    ZIi = unname(lm1[, "Z.Ii"]), p = unname(lm1[, 5])),
  localGreaterP = unname(lmG[, 5]),
  quadrantPysal = as.character(quadr$pysal),
  # a degenerate case: 5-ring, x = (0, 0, 0, 0, 100) has randomization variance 0
  degenerateRing = as.list(suppressWarnings(moran.test(c(0, 0, 0, 0, 100), nb2listw(cell2nb(5, 1, torus = TRUE))))$estimate),
  pnorm = list(z = zgrid, upper = pnorm(zgrid, lower.tail = FALSE))
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "test/reference/moran-columbus.json")
