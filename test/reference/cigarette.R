# Elhorst's cigarette-demand example (Elhorst 2014, Spatial Econometrics: From Cross-Sectional Data to Spatial
# Panels, SpringerBriefs, §3.6.2, Tables 3.2-3.3; Elhorst 2014, Matlab software for spatial panels, IRSR 37(3)):
# Baltagi's panel of 46 US states, 1963-1992, ln per-capita cigarette sales on ln real price and ln real per-capita
# disposable income, W = row-normalised binary contiguity of the 46 states.
#
# Made with R's plm 2.6-2 (data Cigar, Debian r-cran-plm), spData 2.2-1 (usa48.nb, Debian r-cran-spdata),
# spdep 1.2-7 and splm 1.6-5 (Millo & Piras 2012). Run from test/reference:  Rscript cigarette.R
# Writes cigarette-panel.csv, cigarette-usa46.gal and cigarette.json.
#
# Data. plm's Cigar codes the states 1..51 alphabetically with the District of Columbia (1 AL, 2 AK, 3 AZ, 4 AR,
# 5 CA, 6 CO, 7 CT, 8 DE, 9 DC, 10 FL, ..., 51 WY); the 46 present are all but 2 AK, 6 CO, 12 HI, 34 NC, 38 OR
# (checked below on the 1963 populations: code 5 = California 17.6 million, 9 = DC 0.79 million, 33 = New York
# 17.7 million). Variables as SDPDmod's vignette builds them for Elhorst's example (Simonovska, SDPDmod
# 0.0.5, vignette "spatial_model"): logc = ln(sales) (packs per capita), logp = ln(price / cpi) (real price per
# pack), logy = ln(ndi / cpi) (real per-capita disposable income). The year is written 1963..1992.
#
# Weights. spData's usa48.nb (queen contiguity of the 48 contiguous states) without CO, NC and OR, plus the
# District of Columbia with its two neighbours Maryland and Virginia: 188 directed links (94 pairs), the count
# printed for SDPDmod's usa46 ("188 of 2,116 pairs", C. Mendez, "Spatial dynamic panel data modeling in R",
# carlos-mendez.org/post/r_sdpdmod/slides). With CO gone the only queen-only (corner) link left is Utah-New Mexico.
# Region ids of the .gal file are Cigar's state codes.
#
# What is computed (all on the 1,380 rows sorted by state, then year):
#  * nonspatial: pooled OLS (with intercept) and plm within regressions (individual, time, twoways): slopes,
#    sigma2 = SSE/NT (Elhorst's), the Gaussian log-likelihood at that sigma2, and LR tests of the joint
#    significance of the spatial fixed effects (twoways vs time) and of the time fixed effects (twoways vs
#    individual), printed by Elhorst (2014, p. 71 of the 1library copy of §3.6.2) as 2315.7 (46 df) and 473.1 (30 df);
#  * lm: splm's slmtest (LM lag, LM error, robust LM lag, robust LM error) on the pooled and within residuals;
#  * splm spml(model = "within", lag = TRUE / spatial.error = "b") for the SAR and SEM, and the SDM / SDEM as the
#    same models with the period-by-period spatial lags W logp, W logy as regressors, under individual, time and
#    twoways effects, with and without splm's Lee-Yu correction (LeeYu = TRUE, passed to spfeml);
#  * SDM impacts (LeSage & Pace 2009): direct = mean diag S_k, total = mean row sum S_k,
#    S_k = (I - rho W)^-1 (beta_k I + theta_k W), exactly, at splm's estimates;
#  * Wald tests of theta = 0 and theta + rho beta = 0 (delta method) on splm's vcov over (lambda, beta, theta)
#    ("sdm_wald_splm_vcov": splm stores that vcov with the lambda-beta covariances set to zero, so its common-factor
#    Wald is not the full-covariance one), and LR SDM vs SAR from splm's log-likelihoods (splm's error-model logLik
#    is on another scale: 1538.96 by the Gaussian formula is reported as -1491.50 for the entity-effects SEM);
#  * "dense": the same models computed again below with R's dense matrices (see there), with the full-covariance
#    Wald tests, LR tests, impacts and Lee & Yu's transformation approach; with time or two-way effects this is the
#    model whose spatial lags are demeaned like the regressors (J W y, as Elhorst's sar_panel_FE computes it and as
#    the ML of the model with dummies does: checked against lm() with the dummies), which splm 1.6-5 is not (it uses
#    W J y): compare spatialPanel(lagTransform = "lsdv") with "dense" and the default ("splm") with "spatial".
suppressMessages({library(splm); library(plm); library(spdep); library(jsonlite)})
options(digits = 15)

data(Cigar, package = "plm")
abb <- c("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
         "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
         "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY")
stopifnot(length(abb) == 51, setequal(unique(Cigar$state), setdiff(1:51, c(2, 6, 12, 34, 38))))
pop63 <- with(subset(Cigar, year == 63), setNames(pop, state))
stopifnot(abs(pop63[["5"]] - 17556) < 1, abs(pop63[["9"]] - 792) < 1, abs(pop63[["33"]] - 17691) < 1)
Cigar <- Cigar[order(Cigar$state, Cigar$year), ]
d <- data.frame(state = Cigar$state, year = 1900 + Cigar$year, logc = log(Cigar$sales),
                logp = log(Cigar$price / Cigar$cpi), logy = log(Cigar$ndi / Cigar$cpi))
stopifnot(nrow(d) == 1380, all(table(d$state) == 30))
codes <- sort(unique(d$state))

## weights: usa48.nb minus CO, NC, OR, plus DC - MD, DC - VA
data(used.cars, package = "spData")                         # loads usa48.nb
ids48 <- attr(usa48.nb, "region.id")
nbl <- lapply(seq_along(usa48.nb), function(i) ids48[usa48.nb[[i]]])
names(nbl) <- ids48
ab46 <- abb[codes]
nbl$DC <- c("MD", "VA")
nbl$MD <- c(nbl$MD, "DC"); nbl$VA <- c(nbl$VA, "DC")
nbl <- lapply(nbl[ab46], function(v) sort(match(intersect(v, ab46), ab46)))
nb <- structure(nbl, class = "nb", region.id = as.character(codes))
names(nb) <- NULL; attr(nb, "region.id") <- as.character(codes)
nb <- structure(lapply(nb, as.integer), class = "nb", region.id = as.character(codes), sym = TRUE)
stopifnot(sum(card(nb)) == 188, is.symmetric.nb(nb, verbose = FALSE), all(card(nb) > 0))
gal <- c(length(nb), unlist(lapply(seq_along(nb), function(i)   # GAL with Cigar's state codes as region ids
  c(paste(codes[i], length(nb[[i]])), paste(codes[nb[[i]]], collapse = " ")))))
writeLines(gal, "cigarette-usa46.gal")
stopifnot(identical(lapply(read.gal("cigarette-usa46.gal", region.id = as.character(codes)), as.integer), lapply(nb, as.integer)))
write.csv(d, "cigarette-panel.csv", row.names = FALSE)
lw <- nb2listw(nb, style = "W")
W <- listw2mat(lw)

## W x period by period
lagx <- function(v) { o <- numeric(length(v)); for (t in unique(d$year)) { r <- which(d$year == t); o[r] <- W %*% v[r] }; o }
d$Wlogp <- lagx(d$logp); d$Wlogy <- lagx(d$logy); d$Wlogc <- lagx(d$logc)
f <- logc ~ logp + logy
fd <- logc ~ logp + logy + Wlogp + Wlogy
NT <- nrow(d)

## non-spatial models (Elhorst's Table 3.2)
nonsp <- list()
for (eff in c("pooled", "individual", "time", "twoways")) {
  m <- if (eff == "pooled") plm(f, d, index = c("state", "year"), model = "pooling")
       else plm(f, d, index = c("state", "year"), model = "within", effect = eff)
  e <- as.numeric(resid(m)); s2 <- sum(e^2) / NT
  lmt <- lapply(c("lml", "lme", "rlml", "rlme"), function(tt)
    slmtest(f, data = d, index = c("state", "year"), listw = lw, test = tt,
            model = if (eff == "pooled") "pooling" else "within", effect = if (eff == "pooled") "individual" else eff))
  nonsp[[eff]] <- list(coef = as.list(coef(m)), se = as.list(sqrt(diag(vcov(m)))), sigma2 = s2,
                       loglik = -NT / 2 * (log(2 * pi * s2) + 1),
                       lm = setNames(lapply(lmt, function(h) unname(h$statistic)), c("lag", "error", "robust_lag", "robust_error")))
}
lr_fe <- list(spatial = 2 * (nonsp$twoways$loglik - nonsp$time$loglik),
              time = 2 * (nonsp$twoways$loglik - nonsp$individual$loglik))

## spatial models by splm
fit <- function(form, lag, eff, ly) {
  m <- spml(form, data = d, index = c("state", "year"), listw = lw, model = "within", effect = eff,
            lag = lag, spatial.error = if (lag) "none" else "b", LeeYu = ly)
  list(m = m, out = list(coef = as.list(coef(m)), se = as.list(sqrt(diag(m$vcov))), loglik = as.numeric(m$logLik),
                         sigma2 = as.numeric(m$sigma2)))
}
impactsSDM <- function(m) {
  b <- coef(m); rho <- b[["lambda"]]; Ai <- solve(diag(nrow(W)) - rho * W)
  res <- list()
  for (x in c("logp", "logy")) {
    S <- Ai %*% (b[[x]] * diag(nrow(W)) + b[[paste0("W", x)]] * W)
    tot <- mean(rowSums(S)); dir <- mean(diag(S))
    res[[x]] <- list(direct = dir, indirect = tot - dir, total = tot)
  }
  res
}
waldSDM <- function(m) {
  b <- coef(m); V <- m$vcov; nm <- names(b)
  th <- c("Wlogp", "Wlogy"); bx <- c("logp", "logy")
  R1 <- matrix(0, 2, length(b)); R1[1, match("Wlogp", nm)] <- 1; R1[2, match("Wlogy", nm)] <- 1
  g1 <- b[th]
  w1 <- as.numeric(t(g1) %*% solve(R1 %*% V %*% t(R1)) %*% g1)
  rho <- b[["lambda"]]
  g2 <- b[th] + rho * b[bx]
  J <- matrix(0, 2, length(b))
  for (k in 1:2) { J[k, match(th[k], nm)] <- 1; J[k, match(bx[k], nm)] <- rho; J[k, match("lambda", nm)] <- b[[bx[k]]] }
  w2 <- as.numeric(t(g2) %*% solve(J %*% V %*% t(J)) %*% g2)
  list(theta = w1, common_factor = w2)
}
spatial <- list()
for (eff in c("individual", "time", "twoways")) for (ly in c(FALSE, TRUE)) {
  key <- paste0(eff, if (ly) "_leeyu" else "")
  sar <- fit(f, TRUE, eff, ly); sem <- fit(f, FALSE, eff, ly)
  sdm <- fit(fd, TRUE, eff, ly); sdem <- fit(fd, FALSE, eff, ly)
  spatial[[key]] <- list(sar = sar$out, sem = sem$out, sdm = sdm$out, sdem = sdem$out,
                         sdm_impacts = impactsSDM(sdm$m), sdm_wald_splm_vcov = waldSDM(sdm$m),
                         lr = list(sdm_vs_sar = 2 * (sdm$out$loglik - sar$out$loglik)))
}


## An independent dense computation of the same models, in R's own matrices (no splm), for what splm does not give:
## the SDM's full inverse information matrix (splm's spfeml stores its lag-model vcov with the (lambda, beta)
## cross terms set to zero, which leaves SEs unchanged but changes the delta-method Wald test of theta + rho beta = 0;
## Elhorst's routines use the full matrix), the SEM / SDEM log-likelihoods (splm's error-model logLik is on another
## scale), and Lee & Yu's (2010) transformation approach. The panel is held as an N x T matrix per variable
## (column t = period t); a model is the data transformed as P_N' V P_T:
##  * no correction: P_N = I_N (entity) or the demeaning projection I_N - 11'/N (time, twoways), P_T likewise; W* = W;
##  * Lee-Yu: P_T = F_T (T x T-1, orthonormal eigenvectors of I_T - 11'/T for eigenvalue 1) with entity or two-way
##    effects, P_N = F_N with time or two-way effects, and W* = F_N' W F_N ((N-1) x (N-1)); the likelihood counts
##    Nf x Tf observations, Nf, Tf the columns of P_N, P_T.
## The spatially lagged variables are transformed from the untransformed W V, so the identity F_N' W = W* F_N' of
## row-normalised W is not assumed. Concentrated log-likelihood maximised by optimize (tol 1e-12); information
## matrix in (sigma2, rho, beta) as Elhorst (2014, eq. 3.20) / Lee & Yu with G = W*(I - rho W*)^-1.
## "elhorst_bias_corrected" (two-way SAR and SDM): Elhorst's own bias correction as his sar_panel_FE (2010) computes it,
## the direct estimates corrected ex post, theta + (I/NT)^-1 [1/(2 sigma2); 1/(1 - rho); 0] / N, sigma2 x T/(T - 1) -
## not Lee & Yu's transformation approach of biasCorrection (for comparison; the library does not implement it).
N <- length(codes); TT <- 30
asMat <- function(v) matrix(v[order(d$year, d$state)], N, TT)       # N x T, column = year
Fof <- function(n) { e <- eigen(diag(n) - matrix(1 / n, n, n), symmetric = TRUE); e$vectors[, 1:(n - 1)] }
dense <- function(model, durbin, eff, ly) {
  JN <- diag(N) - matrix(1 / N, N, N); JT <- diag(TT) - matrix(1 / TT, TT, TT)
  PN <- if (eff %in% c("time", "twoways")) (if (ly) Fof(N) else JN) else diag(N)
  PT <- if (eff %in% c("individual", "twoways")) (if (ly) Fof(TT) else JT) else diag(TT)
  Ws <- if (ly && eff %in% c("time", "twoways")) t(PN) %*% W %*% PN else W
  Nf <- ncol(Ws); Tf <- if (ly && eff %in% c("individual", "twoways")) TT - 1 else TT; M <- Nf * Tf
  tr <- function(V) as.vector(t(PN) %*% V %*% PT)
  Y <- asMat(d$logc); xs <- list(logp = asMat(d$logp), logy = asMat(d$logy))
  if (durbin) xs <- c(xs, list(Wlogp = W %*% xs$logp, Wlogy = W %*% xs$logy))
  y <- tr(Y); wy <- tr(W %*% Y); X <- sapply(xs, tr); WX <- sapply(xs, function(V) tr(W %*% V))
  ev <- Re(eigen(Ws, only.values = TRUE)$values)
  ld <- function(r) sum(log(1 - r * ev))
  if (model == "lag") {
    fitAt <- function(r) { z <- y - r * wy; b <- solve(crossprod(X), crossprod(X, z)); e <- z - X %*% b; list(b = b, e = e) }
  } else {
    fitAt <- function(r) { z <- y - r * wy; Z <- X - r * WX; b <- solve(crossprod(Z), crossprod(Z, z)); e <- z - Z %*% b; list(b = b, e = e, Z = Z) }
  }
  ll <- function(r) { s2 <- sum(fitAt(r)$e^2) / M; -M / 2 * (log(2 * pi * s2) + 1) + Tf * ld(r) }
  r <- optimize(ll, c(1 / min(ev) + 1e-9, 1 - 1e-9), maximum = TRUE, tol = 1e-12)$maximum
  f <- fitAt(r); s2 <- sum(f$e^2) / M; b <- as.vector(f$b); names(b) <- colnames(X)
  A <- solve(diag(Nf) - r * Ws); G <- Ws %*% A
  trG <- sum(diag(G)); trGG <- sum(G * t(G)); trGtG <- sum(G * G)
  if (model == "lag") {
    Xb <- matrix(X %*% b, Nf, Tf); GXb <- as.vector(G %*% Xb)
    k <- length(b); I <- matrix(0, k + 2, k + 2)
    I[1, 1] <- M / (2 * s2^2); I[1, 2] <- I[2, 1] <- Tf * trG / s2
    I[2, 2] <- Tf * (trGG + trGtG) + sum(GXb^2) / s2
    I[2, 3:(k + 2)] <- I[3:(k + 2), 2] <- crossprod(X, GXb) / s2
    I[3:(k + 2), 3:(k + 2)] <- crossprod(X) / s2
    V <- solve(I)[-1, -1]
    if (eff == "twoways" && !ly) {   # Elhorst's ex-post correction (sar_panel_FE 2010, info.bc = 1, model 3), for comparison
      cr <- solve(I / (N * TT), c(1 / (2 * s2), 1 / (1 - r), rep(0, k))) / N
      elhorst_bc <- list(spatial = r + cr[2], coef = as.list(setNames(b + cr[-(1:2)], names(b))), sigma2 = TT / (TT - 1) * (s2 + cr[1]))
    }
  } else {
    i11 <- M / (2 * s2^2); i12 <- Tf * trG / s2; i22 <- Tf * (trGG + trGtG)
    k <- length(b); V <- matrix(0, k + 1, k + 1)
    V[1, 1] <- i11 / (i11 * i22 - i12^2); V[-1, -1] <- s2 * solve(crossprod(f$Z))
  }
  dimnames(V) <- list(c("spatial", names(b)), c("spatial", names(b)))
  list(spatial = r, coef = as.list(b), se = as.list(sqrt(diag(V))[-1]), se_spatial = sqrt(V[1, 1]), sigma2 = s2,
       loglik = ll(r), vcov = V, elhorst_bc = if (exists("elhorst_bc", inherits = FALSE)) elhorst_bc else NULL)
}
waldDense <- function(fd) {
  b <- c(spatial = fd$spatial, unlist(fd$coef)); V <- fd$vcov; nm <- names(b)
  th <- c("Wlogp", "Wlogy"); bx <- c("logp", "logy")
  R1 <- matrix(0, 2, length(b)); R1[1, match("Wlogp", nm)] <- 1; R1[2, match("Wlogy", nm)] <- 1
  w1 <- as.numeric(t(b[th]) %*% solve(R1 %*% V %*% t(R1)) %*% b[th])
  g2 <- b[th] + b[["spatial"]] * b[bx]; J <- matrix(0, 2, length(b))
  for (k in 1:2) { J[k, match(th[k], nm)] <- 1; J[k, match(bx[k], nm)] <- b[["spatial"]]; J[k, 1] <- b[[bx[k]]] }
  list(theta = w1, common_factor = as.numeric(t(g2) %*% solve(J %*% V %*% t(J)) %*% g2))
}
impactsDense <- function(fd) {
  rho <- fd$spatial; Ai <- solve(diag(N) - rho * W); res <- list()
  for (x in c("logp", "logy")) {
    S <- Ai %*% (fd$coef[[x]] * diag(N) + fd$coef[[paste0("W", x)]] * W)
    tot <- mean(rowSums(S)); dir <- mean(diag(S)); res[[x]] <- list(direct = dir, indirect = tot - dir, total = tot)
  }
  res
}
densefits <- list()
for (eff in c("individual", "time", "twoways")) for (ly in c(FALSE, TRUE)) {
  key <- paste0(eff, if (ly) "_leeyu" else "")
  fs <- list(sar = dense("lag", FALSE, eff, ly), sem = dense("error", FALSE, eff, ly),
             sdm = dense("lag", TRUE, eff, ly), sdem = dense("error", TRUE, eff, ly))
  densefits[[key]] <- c(lapply(fs, function(z) z[!(names(z) %in% c("vcov", "elhorst_bc"))]),
                        list(sdm_wald = waldDense(fs$sdm), sdm_impacts = impactsDense(fs$sdm),
                             lr = list(sdm_vs_sar = 2 * (fs$sdm$loglik - fs$sar$loglik), sdm_vs_sem = 2 * (fs$sdm$loglik - fs$sem$loglik),
                                       sdem_vs_sem = 2 * (fs$sdem$loglik - fs$sem$loglik))))
  if (!ly && eff == "twoways") densefits[[key]]$elhorst_bias_corrected <- list(sar = fs$sar$elhorst_bc, sdm = fs$sdm$elhorst_bc)
  if (!ly && eff == "individual") {   # with entity effects J W y = W J y: the dense path reproduces splm
    sp <- spatial[[key]]
    stopifnot(abs(fs$sdm$spatial - sp$sdm$coef$lambda) < 1e-6, abs(fs$sar$loglik - sp$sar$loglik) < 1e-6 * abs(sp$sar$loglik),
              abs(fs$sem$spatial - sp$sem$coef$rho) < 1e-6, abs(fs$sdm$se_spatial - sp$sdm$se[[1]]) < 1e-6 * sp$sdm$se[[1]],
              abs(fs$sdm$sigma2 - sp$sdm$sigma2) < 1e-6 * sp$sdm$sigma2)
  }
  if (!ly && eff != "individual") {   # with period effects: the dense path is the ML of the model with dummies
    fl <- if (eff == "twoways") I(logc - r * Wlogc) ~ logp + logy + factor(year) + factor(state) else I(logc - r * Wlogc) ~ logp + logy + factor(year)
    lsdv <- function(r) { environment(fl) <- environment(); f <- lm(fl, d)
      s2 <- sum(resid(f)^2) / NT; -NT / 2 * (log(2 * pi * s2) + 1) + TT * sum(log(1 - r * Re(eigen(W, only.values = TRUE)$values))) }
    o <- optimize(lsdv, c(-0.9, 0.99), maximum = TRUE, tol = 1e-12)
    stopifnot(abs(o$objective - fs$sar$loglik) < 1e-9 * abs(o$objective), abs(o$maximum - fs$sar$spatial) < 1e-6)
    densefits[[key]]$lsdv_sar <- list(spatial = o$maximum, loglik = o$objective)
    fe <- if (eff == "twoways") "factor(year) + factor(state)" else "factor(year)"   # the SEM: (I - lambda W) applied to y and X
    lsdvSem <- function(r) { z <- d$logc - r * d$Wlogc; zp <- d$logp - r * d$Wlogp; zy <- d$logy - r * d$Wlogy
      f <- lm(as.formula(paste("z ~ zp + zy +", fe)), data.frame(d, z = z, zp = zp, zy = zy))
      s2 <- sum(resid(f)^2) / NT; -NT / 2 * (log(2 * pi * s2) + 1) + TT * sum(log(1 - r * Re(eigen(W, only.values = TRUE)$values))) }
    o2 <- optimize(lsdvSem, c(-0.9, 0.99), maximum = TRUE, tol = 1e-12)
    stopifnot(abs(o2$objective - fs$sem$loglik) < 1e-9 * abs(o2$objective), abs(o2$maximum - fs$sem$spatial) < 1e-6)
  }
}

out <- list(nonspatial = nonsp, dense = densefits, lr_fixed_effects = lr_fe, spatial = spatial,
            weights = list(links = sum(card(nb)), regions = length(nb)),
            versions = list(splm = as.character(packageVersion("splm")), plm = as.character(packageVersion("plm")),
                            spdep = as.character(packageVersion("spdep")), spData = as.character(packageVersion("spData")),
                            R = as.character(getRversion())),
            note = "splm names the lag coefficient 'lambda' and the error coefficient 'rho'; Wlogp, Wlogy are the Durbin terms")
write(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "cigarette.json")
cat("LR spatial FE", lr_fe$spatial, " LR time FE", lr_fe$time, "\n")
print(unlist(densefits$twoways$elhorst_bias_corrected))
for (k in names(densefits)) cat(k, "SDM rho", densefits[[k]]$sdm$spatial, "Wald", unlist(densefits[[k]]$sdm_wald), "LR", unlist(densefits[[k]]$lr), "\n")
