# Reference values for lib/indices/couplingCoordination.ts, computed independently in base R.
# Inputs are synthetic (illustrative subsystem scores made up for the test, not data).
# standard:            C = n * prod(U)^(1/n) / sum(U)      (n = 2: 2 sqrt(U1 U2) / (U1 + U2))
# adjusted (k):        C = (prod(U) / (sum(U)/n)^n)^k
# missing-coefficient: C = prod(U)^(1/n) / sum(U)
# wang2021:            C = sqrt((1 - sum_{i<j} |Ui - Uj| / sum_{m=1}^{n-1} m) * prod(U / max(U))^(1/(n-1)))
#   (Wang Shujia et al. 2021, J. Natural Resources 36(3): 793-810; n-subsystem form as in the R package
#   'coupling' vignette). T = sum(w U), D = sqrt(C T).
# Run: Rscript test/reference/indices-coupling.R  (writes test/reference/indices-coupling.json)
suppressPackageStartupMessages(library(jsonlite))

C_std <- function(U) length(U) * prod(U)^(1 / length(U)) / sum(U)
C_adj <- function(U, k) (prod(U) / (sum(U) / length(U))^length(U))^k
C_miss <- function(U) prod(U)^(1 / length(U)) / sum(U)
C_wang <- function(U) {
  n <- length(U)
  gaps <- 0
  for (i in 1:(n - 1)) for (j in (i + 1):n) gaps <- gaps + abs(U[i] - U[j])
  sqrt((1 - gaps / sum(seq_len(n - 1))) * prod(U / max(U))^(1 / (n - 1)))
}

two <- data.frame(u1 = c(0.2, 0.5, 0.01, 0.5, 0.9, 0.35, 0.62, 0, 0.123),
                  u2 = c(0.8, 0.5, 0.02, 1.0, 0.3, 0.41, 0.18, 0.4, 0.877))
alpha <- 0.4; beta <- 0.6
mk <- function(Cfun, w) {
  C <- apply(two, 1, Cfun)
  T <- w[1] * two$u1 + w[2] * two$u2
  list(C = C, T = T, D = sqrt(C * T))
}
out <- list(two = two,
            standard = mk(C_std, c(0.5, 0.5)),
            standardAlphaBeta = c(list(alpha = alpha, beta = beta), mk(C_std, c(alpha, beta))),
            adjusted2 = mk(function(U) C_adj(U, 2), c(0.5, 0.5)),
            missingCoefficient = mk(C_miss, c(0.5, 0.5)),
            wang2021 = mk(C_wang, c(0.5, 0.5)))

three <- data.frame(u1 = c(0.3, 0.6, 0.05), u2 = c(0.5, 0.6, 0.9), u3 = c(0.7, 0.2, 0.4))
w3 <- c(0.2, 0.3, 0.5)
C3 <- apply(three, 1, C_std)
W3 <- apply(three, 1, C_wang)
T3 <- as.vector(as.matrix(three) %*% w3)
out$three <- list(data = three, weights = w3,
                  standard = list(C = C3, T = T3, D = sqrt(C3 * T3)),
                  wang2021 = list(C = W3, T = T3, D = sqrt(W3 * T3)))

writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE, dataframe = "columns"),
           "test/reference/indices-coupling.json")
