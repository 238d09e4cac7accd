# Reference values for logdet "lu" (sparse LU of I - rho W for weights not similar to symmetric):
# spatialreg 1.2-6 lagsarlm / errorsarlm with method = "LU" on the Boston tracts (spData::boston.c, n = 506)
# with 6-nearest-neighbour weights on the tract UTM coordinates (spData::boston.utm, km;
# knn2nb(knearneigh(coords, k = 6)), style "W", asymmetric), and the exact ln|I - rho W| (dense determinant()).
# At n = 506 < 1500 (spatialreg's `small`), lagsarlm / errorsarlm report asymptotic standard errors from the
# dense inverse (exact traces), which the library's "lu" traces match (exact for n <= LU_EXACT_TRACES_MAX_N).
# Run from the repository root: Rscript test/reference/spatialreg-lu-knn.R
# Writes test/reference/spatialreg-lu-knn.json.
suppressPackageStartupMessages({ library(spData); library(spdep); library(spatialreg); library(jsonlite) })
data(boston, package = "spData")
coords <- boston.utm
nb <- knn2nb(knearneigh(coords, k = 6))
lw <- nb2listw(nb, style = "W")
d <- data.frame(lnCMEDV = log(boston.c$CMEDV), CRIM = boston.c$CRIM, RM = boston.c$RM, LSTAT = boston.c$LSTAT, NOX = boston.c$NOX)
f <- lnCMEDV ~ CRIM + RM + LSTAT + NOX
rhos <- c(-0.9, -0.3, 0.2, 0.5, 0.8, 0.95)
W <- listw2mat(lw)
exact <- sapply(rhos, function(r) as.numeric(determinant(diag(nrow(W)) - r * W, logarithm = TRUE)$modulus))
fitOut <- function(m, param) {
  s <- summary(m)
  list(param = unname(m[[param]]), paramSE = unname(if (param == "rho") m$rho.se else m$lambda.se),
       coefficients = unname(coef(s)[, 1]), stdErrors = unname(coef(s)[, 2]), terms = rownames(coef(s)),
       logLik = as.numeric(logLik(m)), sigma2 = unname(m$s2), interval = m$interval,
       ase = m$ase)
}
lag <- lagsarlm(f, data = d, listw = lw, method = "LU")
err <- errorsarlm(f, data = d, listw = lw, method = "LU")
out <- list(
  source = "spData::boston.c, boston.utm; spdep::knearneigh(k = 6); spatialreg lagsarlm / errorsarlm method = \"LU\"",
  R = R.version.string, spdep = as.character(packageVersion("spdep")), spatialreg = as.character(packageVersion("spatialreg")),
  coords = unname(as.matrix(coords)), data = as.list(d),
  neighbours = lapply(nb, function(v) as.integer(v) - 1L),
  rho = rhos, logdetExact = exact,
  lag = fitOut(lag, "rho"), error = fitOut(err, "lambda"))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "test/reference/spatialreg-lu-knn.json")
