# Reference values for lib/indices/topsis.ts and composite.ts, computed independently in base R.
#
# TOPSIS test case: the fighter-aircraft problem of Hwang, C.-L. & Yoon, K. (1981) Multiple Attribute Decision
# Making, Springer (4 aircraft, 6 attributes, weights 0.2 0.1 0.1 0.1 0.2 0.3, acquisition cost a cost attribute;
# the qualitative reliability and maneuverability ratings on their 1-9 interval scale). The matrix is checked
# against the pairwise concordance matrix of the same problem published at
# https://orms.pef.czu.cz/21ExFAPPM.html (Czech University of Life Sciences, "Fighter Aircraft Problem -
# Permutation Method"): every entry of its rows for A1, A3 and A4 agrees with `conc` below; its row for A2 lists
# 0.6 against A3 and 0.3 against A4, which contradicts its own A3 and A4 rows (A2 and A3 tie on nothing, so
# c(A2,A3) = 1 - c(A3,A2) = 0.3), so we read it as a slip on that page. We could not retrieve the book's printed closeness values, so the values below are
# computed here, independently of our TypeScript code.
# Run: Rscript test/reference/indices-topsis.R  (writes test/reference/indices-topsis.json)
suppressPackageStartupMessages(library(jsonlite))

X <- rbind(A1 = c(2.0, 1500, 20000, 5.5, 5, 9),
           A2 = c(2.5, 2700, 18000, 6.5, 3, 5),
           A3 = c(1.8, 2000, 21000, 4.5, 7, 7),
           A4 = c(2.2, 1800, 20000, 5.0, 5, 5))
colnames(X) <- c("speed", "range", "payload", "cost", "reliability", "maneuverability")
w <- c(0.2, 0.1, 0.1, 0.1, 0.2, 0.3)
benefit <- c(TRUE, TRUE, TRUE, FALSE, TRUE, TRUE)

# concordance check (weights of attributes where row beats column, ties counted for both)
conc <- matrix(0, 4, 4)
for (i in 1:4) for (j in 1:4) if (i != j) {
  better <- ifelse(benefit, X[i, ] >= X[j, ], X[i, ] <= X[j, ])
  conc[i, j] <- sum(w[better])
}

topsis <- function(X, w, benefit) {
  R <- sweep(X, 2, sqrt(colSums(X^2)), "/")
  V <- sweep(R, 2, w, "*")
  best <- setNames(ifelse(benefit, apply(V, 2, max), apply(V, 2, min)), colnames(X))
  worst <- setNames(ifelse(benefit, apply(V, 2, min), apply(V, 2, max)), colnames(X))
  Sp <- sqrt(rowSums(sweep(V, 2, best)^2))
  Sm <- sqrt(rowSums(sweep(V, 2, worst)^2))
  list(closeness = as.vector(Sm / (Sp + Sm)), distanceBest = as.vector(Sp), distanceWorst = as.vector(Sm),
       idealBest = as.list(best), idealWorst = as.list(worst),
       rank = as.vector(rank(-Sm / (Sp + Sm), ties.method = "min")))
}
fighter <- topsis(X, w, benefit)

# min-max variant (normalization "minmax") on the same matrix
mm <- apply(X, 2, function(x) (x - min(x)) / (max(x) - min(x)))
Vm <- sweep(mm, 2, w, "*")
bestm <- ifelse(benefit, apply(Vm, 2, max), apply(Vm, 2, min))
worstm <- ifelse(benefit, apply(Vm, 2, min), apply(Vm, 2, max))
Spm <- sqrt(rowSums(sweep(Vm, 2, bestm)^2)); Smm <- sqrt(rowSums(sweep(Vm, 2, worstm)^2))

# composite: weighted sum of min-max normalized values by direction
mmdir <- sapply(1:6, function(j) { x <- X[, j]; r <- max(x) - min(x); if (benefit[j]) (x - min(x)) / r else (max(x) - x) / r })
comp <- as.vector(mmdir %*% w)

D <- as.data.frame(X); rownames(D) <- NULL
out <- list(data = D, alternatives = rownames(X), weights = as.list(setNames(w, colnames(X))),
            concordance = conc, fighter = fighter,
            fighterMinmax = list(closeness = as.vector(Smm / (Spm + Smm))),
            composite = list(scores = comp, rank = as.vector(rank(-comp, ties.method = "min"))))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE, dataframe = "columns"),
           "test/reference/indices-topsis.json")
