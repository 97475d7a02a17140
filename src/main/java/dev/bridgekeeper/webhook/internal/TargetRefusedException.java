package dev.bridgekeeper.webhook.internal;

import java.net.UnknownHostException;

/**
 * A webhook target that resolved to an address webhooks may not reach. An {@link UnknownHostException}
 * so it travels through the HTTP client's resolver contract and no connection is ever opened.
 */
class TargetRefusedException extends UnknownHostException {

    TargetRefusedException(String message) {
        super(message);
    }
}
