package dev.bridgekeeper.consent;

/** How the customer gave consent: in the Link UI, on the Hosted Link page, or on the lender's own screen. */
public enum ConsentChannel { Link, HostedLink, Api }
