package dev.lbops.verify;

/**
 * One probe request through a VIP.
 *
 * @param atMillis when it was sent, from the start of the drill
 * @param millis how long it took (until the answer or the failure)
 */
public record ProbeSample(long atMillis, boolean ok, long millis) {}
