# Reference for test/localG.test.ts, test/geary.test.ts, test/joinCounts.test.ts and test/bivariateMoran.test.ts:
# Getis-Ord Gi / Gi*, global and local Geary's C, join counts and bivariate Moran on Columbus.
# Data: spData::columbus (CRIME, INC), neighbours spData::col.gal.nb.
# Run from the repository root: Rscript test/reference/spatial-exploratory-columbus.R
suppressMessages({ library(spdep); library(spData); library(jsonlite) })
data(columbus, package = "spData")
nb <- col.gal.nb
lwW <- nb2listw(nb, style = "W")
lwB <- nb2listw(nb, style = "B")
lwWstar <- nb2listw(include.self(nb), style = "W")
lwBstar <- nb2listw(include.self(nb), style = "B")
x <- columbus$CRIME
y <- columbus$INC

gi <- function(x, lw, alternative = "two.sided") {
  g <- localG(x, lw, return_internals = TRUE, alternative = alternative)
  ints <- attr(g, "internals")
  list(G = unname(ints[, 1]), EG = unname(ints[, 2]), VG = unname(ints[, 3]), Z = unname(ints[, 4]), p = unname(ints[, 5]))
}
gt <- function(x, lw, randomisation, alternative = "greater") {
  r <- geary.test(x, lw, randomisation = randomisation, alternative = alternative)
  list(C = unname(r$estimate[1]), EC = unname(r$estimate[2]), var = unname(r$estimate[3]), z = unname(r$statistic), p = r$p.value)
}
# join counts: CRIME above its median (1 = "high", 0 = "low"), binary weights
hi <- factor(ifelse(x > median(x), "high", "low"), levels = c("low", "high"))
jc <- joincount.test(hi, lwB)
jcs <- lapply(seq_along(jc), function(k) { r <- jc[[k]]; list(level = levels(hi)[k], BB = unname(r$estimate[1]), E = unname(r$estimate[2]),
                                   var = unname(r$estimate[3]), z = unname(r$statistic), p = r$p.value) })
jcW <- joincount.test(hi, lwW)
jcsW <- lapply(seq_along(jcW), function(k) { r <- jcW[[k]]; list(level = levels(hi)[k], BB = unname(r$estimate[1]), E = unname(r$estimate[2]),
                                   var = unname(r$estimate[3]), z = unname(r$statistic), p = r$p.value) })
set.seed(1)
bv <- moran_bv(x, y, lwW, nsim = 99)
lbv <- localmoran_bv(x, y, lwW, nsim = 99)

out <- list(
  generated_by = "test/reference/spatial-exploratory-columbus.R",
  versions = list(R = R.version.string, spdep = as.character(packageVersion("spdep")),
                  spData = as.character(packageVersion("spData"))),
  ids = attr(nb, "region.id"),
  neighbors0 = lapply(nb, function(v) I(as.integer(v) - 1L)),
  CRIME = x, INC = y,
  localG_W = gi(x, lwW), localG_B = gi(x, lwB), localGstar_W = gi(x, lwWstar), localGstar_B = gi(x, lwBstar),
  localG_W_greater = gi(x, lwW, "greater"),
  geary_W = list(normal = gt(x, lwW, FALSE), random = gt(x, lwW, TRUE)),
  geary_B = list(normal = gt(x, lwB, FALSE), random = gt(x, lwB, TRUE)),
  geary_W_two = gt(x, lwW, TRUE, "two.sided"),
  localC_W = as.numeric(localC(x, lwW)), localC_B = as.numeric(localC(x, lwB)),
  joincount_B = list(high = as.integer(hi == "high"), tests = jcs),
  joincount_W = jcsW,
  moranBV_W = unname(bv$t0),
  localMoranBV_W = unname(lbv[, "Ibvi"])
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = FALSE), "test/reference/spatial-exploratory-columbus.json")
