# Reference values for the approximate log-determinants of lib/spatialreg (logdet "chebyshev" and "mc"):
# spatialreg 1.2-6 Chebyshev (Pace & LeSage 2004) through its own set-up and do_ldet, and lagsarlm /
# errorsarlm with method = "Chebyshev", on Columbus (spData::columbus, col.gal.nb, style "W") and on
# Columbus 4-nearest-neighbour weights (knn2nb(knearneigh(cbind(X, Y), k = 4)), style "W", asymmetric);
# the exact ln|I - rho W| (determinant) on the same rho grid; and the elect80 4-nearest-neighbour list
# (knearneigh on the county long/lat points, longlat = TRUE) with spatialreg's Chebyshev lag fit on it.
# spatialreg's Chebyshev traces tr(T_j(W)) come from exact sparse matrix products (cheb_setup; tr(T_1) is
# set to 0, right for W with a zero diagonal), so its value is deterministic. lagsarlm refuses
# method = "Chebyshev" for weights not similar to symmetric ("Chebyshev method requires symmetric weights"),
# so for the kNN weights the Chebyshev lag fit is done here with lagsarlm's own concentrated log-likelihood
# (spatialreg:::sar.lag.mixed.f, which calls do_ldet) maximized by optimize() on lagsarlm's default interval
# [-1, 0.999] and tolerance; on the queen weights this equals lagsarlm(method = "Chebyshev") (checked below).
# Run from the repository root: Rscript test/reference/spatialreg-logdet-approx.R
# Writes test/reference/spatialreg-logdet-approx.json.
suppressPackageStartupMessages({ library(spData); library(spdep); library(spatialreg); library(jsonlite) })
data(columbus, package = "spData")
set.seed(1)
f <- CRIME ~ INC + HOVAL
nbQueen <- col.gal.nb
nbKnn <- knn2nb(knearneigh(cbind(columbus$X, columbus$Y), k = 4), row.names = rownames(columbus))
rhos <- c(-0.9, -0.5, -0.2, 0.1, 0.3, 0.5, 0.7, 0.8, 0.9)

chebValues <- function(lw, q) {
  env <- new.env()
  assign("listw", lw, envir = env); assign("family", "SAR", envir = env)
  assign("n", length(lw$neighbours), envir = env)
  spatialreg:::cheb_setup(env, q = q)
  sapply(rhos, function(r) spatialreg:::do_ldet(r, env))
}
exactValues <- function(lw) {
  W <- listw2mat(lw)
  sapply(rhos, function(r) as.numeric(determinant(diag(nrow(W)) - r * W, logarithm = TRUE)$modulus))
}
chebLag <- function(lw, data, formula, q = 5) {
  env <- new.env()
  mf <- model.frame(formula, data); y <- model.response(mf); X <- model.matrix(formula, mf)
  wy <- lag.listw(lw, y)
  e.a0 <- residuals(lm.fit(X, y)); e.b0 <- residuals(lm.fit(X, wy))
  for (nm in c("listw")) assign(nm, lw, envir = env)
  assign("family", "SAR", envir = env); assign("n", length(y), envir = env); assign("verbose", FALSE, envir = env)
  assign("f_calls", 0L, envir = env)
  assign("e.a", sum(e.a0^2), envir = env); assign("e.b", sum(e.a0 * e.b0), envir = env); assign("e.c", sum(e.b0^2), envir = env)
  spatialreg:::cheb_setup(env, q = q)
  opt <- optimize(spatialreg:::sar.lag.mixed.f, interval = c(-1, 0.999), maximum = TRUE,
                  tol = .Machine$double.eps^0.5, env = env)
  list(rho = opt$maximum, logLik = opt$objective)
}
fitOut <- function(lag, err) list(
  lag = list(rho = unname(lag$rho), logLik = as.numeric(logLik(lag)), coefficients = unname(lag$coefficients),
             interval = unname(lag$interval)),
  error = list(lambda = unname(err$lambda), logLik = as.numeric(logLik(err)), coefficients = unname(err$coefficients))
)
one <- function(nb) {
  lw <- nb2listw(nb, style = "W")
  symmetricLike <- can.be.simmed(lw)
  lag <- if (symmetricLike) lagsarlm(f, data = columbus, listw = lw, method = "Chebyshev") else NULL
  err <- if (symmetricLike) errorsarlm(f, data = columbus, listw = lw, method = "Chebyshev") else NULL
  own <- chebLag(lw, columbus, f)
  if (symmetricLike) stopifnot(abs(own$rho - lag$rho) < 1e-8, abs(own$logLik - as.numeric(logLik(lag))) < 1e-10)
  mcLag <- lagsarlm(f, data = columbus, listw = lw, method = "MC") # R's rnorm draws; for information only
  lagE <- lagsarlm(f, data = columbus, listw = lw, method = "eigen")
  W <- listw2mat(lw)
  ev <- eigen(W, only.values = TRUE)$values
  list(
    neighbours = lapply(nb, function(v) as.integer(v) - 1L), # 0-based, data-row order
    chebyshevQ5 = chebValues(lw, 5), chebyshevQ8 = chebValues(lw, 8), exact = exactValues(lw),
    maxImagEigenvalue = max(abs(Im(ev))),
    canBeSimmed = symmetricLike,
    chebyshevFit = if (symmetricLike) fitOut(lag, err) else NULL,
    chebyshevLag = own,
    mcLagRho = unname(mcLag$rho),
    eigenFit = list(rho = unname(lagE$rho), logLik = as.numeric(logLik(lagE)))
  )
}
queen <- one(nbQueen)
knn4 <- one(nbKnn)

# elect80: 4 nearest neighbours on long/lat (great-circle distances), style "W"; Chebyshev lag fit
data(elect80, package = "spData")
d <- as.data.frame(elect80)
xy <- sp::coordinates(elect80)
nbE <- knn2nb(knearneigh(xy, k = 4, longlat = TRUE), row.names = as.character(d$FIPS))
lwE <- nb2listw(nbE, style = "W")
fE <- log(pc_turnout) ~ log(pc_college) + log(pc_homeownership) + log(pc_income)
tE <- system.time(lagEl <- chebLag(lwE, d, fE))

out <- list(
  source = sprintf("R %s, spdep %s, spatialreg %s, spData %s", getRversion(), packageVersion("spdep"),
                   packageVersion("spatialreg"), packageVersion("spData")),
  formula = "CRIME ~ INC + HOVAL", rho = rhos,
  queen = queen, knn4 = knn4,
  elect80 = list(
    formula = "log(pc_turnout) ~ log(pc_college) + log(pc_homeownership) + log(pc_income)",
    FIPS = as.character(d$FIPS),
    neighbours = lapply(nbE, function(v) as.integer(v) - 1L),
    chebyshevQ5 = chebValues(lwE, 5),
    lagChebyshev = list(rho = lagEl$rho, logLik = lagEl$logLik, seconds = unname(tE[["elapsed"]]))
  )
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "test/reference/spatialreg-logdet-approx.json")
