# Reference values for panelLmTests (lib/panel/panelLmTests.ts): LM and robust LM tests for
# spatial lag / spatial error dependence on a PANEL, computed on the residuals of pooled OLS
# (effects "none") or of the within (fixed-effects) regression, with block-diagonal weights
# I_T (x) W.
#
# How: plm builds the transformed model exactly as splm's slmtest does (model.matrix(), the
# transformed response and the residuals of a "pooling" or "within" plm fit); the rows are put
# period-major (all regions of period 1, then period 2, ...), and spdep's lm.LMtests is run on
# lm(y ~ X - 1) with the listw of kronecker(diag(T), W) (mat2listw, style "M" = weights as they are).
#
# Why this IS the panel statistic of Anselin, Le Gallo & Jayet (2008, in Matyas & Sevestre eds.,
# The Econometrics of Panel Data, ch. 19) and Elhorst (2014, Spatial Econometrics, §3.3; his
# LMsarsem_panel routine), as splm's slmtest computes it:
#  * lm.LMtests uses sigma2 = e'e / n with n = the number of rows = N*T (no correction for the
#    absorbed effects or the slopes) - the same sigma2 = e'e/(NT) as Elhorst and slmtest;
#  * its trace term tr(W'W + WW) taken on I_T (x) W equals T * tr(W'W + WW) on the N x N W,
#    the "T * T_W" of Elhorst and slmtest;
#  * its J term ((W X b)' M (W X b) + T sigma2)/sigma2, with M = I - X(X'X)^-1 X' on the
#    transformed X, is slmtest's J; RLMerr's denominator T - T^2/(nJ) equals slmtest's
#    T*T_W*(1 - T*T_W/J). The script checks this numerically below (stopifnot) by computing
#    the four statistics again from these matrix formulas.
# splm itself is not installed here (not in Debian), so it is not called.
#
# Data:
#  * "sim": a SIMULATED panel written by this script (panel-lm-tests-sim.csv): the 49 Columbus
#    regions of spData (col.gal.nb, row-standardized, written as panel-lm-tests-columbus.gal)
#    over 6 periods, y = (I - 0.3 W)^-1 (x1 - 0.5 x2 + mu_i + tau_t + e) (spatial lag) and
#    y_err = x1 - 0.5 x2 + mu_i + tau_t + (I - 0.5 W)^-1 e (spatial error).  Illustrative only.
#  * "sim_island": the same panel with region 5's links removed (an island), zero.policy = TRUE,
#    weights panel-lm-tests-columbus-island.gal.
#  * "shared": ../shared/reference/columbus-sim-panel.csv with columbus.gal (the splm reference
#    data of spatial-panel-columbus-sim.R), when present.
# Output: panel-lm-tests.json, panel-lm-tests-sim.csv, panel-lm-tests-columbus.gal,
#   panel-lm-tests-columbus-island.gal. Run from test/reference: Rscript panel-lm-tests.R
suppressMessages({library(spdep); library(plm); library(jsonlite)})
cat("spdep", as.character(packageVersion("spdep")), "plm", as.character(packageVersion("plm")), "\n")

data(columbus, package = "spData")
nb <- col.gal.nb
attr(nb, "region.id") <- as.character(1:49)
write.nb.gal(nb, "panel-lm-tests-columbus.gal")
W <- listw2mat(nb2listw(nb, style = "W"))

set.seed(20261126)
N <- 49; Tt <- 6
region <- rep(1:N, times = Tt); year <- rep(2011:2016, each = N)   # period-major
x1 <- rnorm(N * Tt); x2 <- runif(N * Tt, 0, 4)
mu <- rnorm(N); tau <- rnorm(Tt, sd = 0.7)
A <- solve(diag(N) - 0.3 * W)
y <- numeric(N * Tt)
for (t in 1:Tt) {
  r <- which(year == 2010 + t)
  y[r] <- A %*% (x1[r] - 0.5 * x2[r] + mu + tau[t] + rnorm(N))
}
B <- solve(diag(N) - 0.5 * W)                                # spatial error DGP, drawn after y
y_err <- numeric(N * Tt)
for (t in 1:Tt) {
  r <- which(year == 2010 + t)
  y_err[r] <- x1[r] - 0.5 * x2[r] + mu + tau[t] + B %*% rnorm(N)
}
sim <- data.frame(region = region, year = year, x1 = round(x1, 8), x2 = round(x2, 8), y = round(y, 8),
                  y_err = round(y_err, 8))
sim <- sim[order(sim$region, sim$year), ]                    # entity-major on disk
write.csv(sim, "panel-lm-tests-sim.csv", row.names = FALSE)
sim <- read.csv("panel-lm-tests-sim.csv")                    # use exactly the rounded values

# island: remove every link of region 5 (both directions)
nbI <- nb
for (j in nbI[[5]]) nbI[[j]] <- setdiff(nbI[[j]], 5L)
nbI[[5]] <- 0L
class(nbI) <- "nb"
write.nb.gal(nbI, "panel-lm-tests-columbus-island.gal")
WI <- listw2mat(nb2listw(nbI, style = "W", zero.policy = TRUE))

panelLM <- function(formula, data, Wn, effect, zero = FALSE) {
  model <- if (effect == "none") "pooling" else "within"
  eff <- switch(effect, none = "individual", entity = "individual", time = "time", twoways = "twoways")
  pm <- plm(formula, data = data, index = c("region", "year"), model = model, effect = eff)
  X <- model.matrix(pm)
  yy <- as.numeric(pmodel.response(pm))
  idx <- index(pm)
  oo <- order(idx[[2]], idx[[1]])                              # period-major, regions in W order
  X <- X[oo, , drop = FALSE]; yy <- yy[oo]
  Tn <- length(unique(idx[[2]]))
  big <- mat2listw(kronecker(diag(Tn), Wn), style = "M")
  fit <- lm(yy ~ X - 1)
  stopifnot(isTRUE(all.equal(unname(coef(fit)), unname(coef(pm)), tolerance = 1e-10)))
  res <- suppressWarnings(lm.LMtests(fit, big, test = "all", zero.policy = zero))
  # the panel formulas (Elhorst 2014 §3.3 / Anselin et al. 2008) written out with the N x N W
  e <- residuals(fit); NT <- length(e)
  bigW <- kronecker(diag(Tn), Wn)
  s2 <- sum(e^2) / NT
  TW <- sum(diag(t(Wn) %*% Wn + Wn %*% Wn))
  WXb <- bigW %*% fitted(fit)
  MWXb <- WXb - X %*% solve(crossprod(X), crossprod(X, WXb))
  J <- sum(WXb * MWXb) / s2 + Tn * TW
  dE <- sum(e * (bigW %*% e)) / s2; dL <- sum(e * (bigW %*% yy)) / s2
  byHand <- c(LMerr = dE^2 / (Tn * TW), LMlag = dL^2 / J,
              RLMerr = (dE - Tn * TW / J * dL)^2 / (Tn * TW * (1 - Tn * TW / J)),
              RLMlag = (dL - dE)^2 / (J - Tn * TW))
  spdepStats <- sapply(res[names(byHand)], function(h) unname(h$statistic))
  stopifnot(isTRUE(all.equal(unname(spdepStats), unname(byHand), tolerance = 1e-10)))
  out <- lapply(res, function(h) list(statistic = unname(h$statistic), df = unname(h$parameter),
                                      pValue = unname(h$p.value)))
  out$n <- NT; out$periods <- Tn; out$sigma2 <- s2
  # the auxiliary regression as plm reports it (classical vcov, df = NT - absorbed effects - k)
  out$coefficients <- as.list(coef(pm)); out$stdErrors <- as.list(sqrt(diag(vcov(pm))))
  out$dfResidual <- df.residual(pm)
  out
}

effects <- c("none", "entity", "time", "twoways")
ref <- list(meta = list(spdep = as.character(packageVersion("spdep")), plm = as.character(packageVersion("plm")),
                        note = "statistics of spdep lm.LMtests on period-major stacked (within-)transformed data with listw kronecker(diag(T), W); sim data are simulated"))
ref$sim <- setNames(lapply(effects, function(ef) panelLM(y ~ x1 + x2, sim, W, ef)), effects)
ref$sim_err <- setNames(lapply(effects, function(ef) panelLM(y_err ~ x1 + x2, sim, W, ef)), effects)
ref$sim_island <- list(entity = panelLM(y ~ x1 + x2, sim, WI, "entity", zero = TRUE),
                       none = panelLM(y ~ x1 + x2, sim, WI, "none", zero = TRUE))
# cross-section check: one period of the panel, effects none, equals the cross-section LM tests
one <- sim[sim$year == 2011, ]
ref$single_period <- lapply(lm.LMtests(lm(y ~ x1 + x2, one), nb2listw(nb, style = "W"), test = "all"),
                            function(h) list(statistic = unname(h$statistic), df = unname(h$parameter), pValue = unname(h$p.value)))

shared <- file.path("..", "..", "..", "shared", "reference")
if (file.exists(file.path(shared, "columbus-sim-panel.csv"))) {
  d <- read.csv(file.path(shared, "columbus-sim-panel.csv"))
  gal <- read.gal(file.path(shared, "columbus.gal"))
  Ws <- listw2mat(nb2listw(gal, style = "W"))
  ref$shared <- list(
    y_lag = setNames(lapply(effects, function(ef) panelLM(y_lag ~ x1 + x2, d, Ws, ef)), effects),
    y_err = setNames(lapply(effects, function(ef) panelLM(y_err ~ x1 + x2, d, Ws, ef)), effects))
} else {
  cat("../shared/reference absent: shared cases not written\n")
}
write(toJSON(ref, digits = NA, auto_unbox = TRUE, pretty = TRUE), "panel-lm-tests.json")
