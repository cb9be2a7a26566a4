package org.hsgcds.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Whether the client of a request is still connected (#29), so that a hook call whose client hung up while
 * it waited for a CPU slot is not evaluated and its cards are not recorded as issued.
 *
 * <p>The servlet API cannot tell: with blocking I/O, a closed connection shows only when the answer is
 * written. Tomcat can, once the request body has been read: a non-blocking read of the socket
 * ({@code ActionCode.AVAILABLE} with a read) meets the end of the stream when the client has closed its side.
 * This valve hands each request such a check, as a request attribute. What it cannot see: a client whose
 * connection is still open (one that stopped waiting but did not close, or a proxy in between that keeps its
 * upstream connection), and a chunked body the parser did not read to its end (then the client counts as
 * present). Bytes of a pipelined next request are not mistaken for a closed connection: they are buffered by
 * the first read, and the second one then finds nothing.
 */
final class ClientPresence extends ValveBase {

    static final String ATTRIBUTE = ClientPresence.class.getName();

    private static final BooleanSupplier UNKNOWN = () -> true;

    ClientPresence() {
        super(true);
    }

    /** The check for this request; "present" when the container gave none (another server, a mock). */
    static BooleanSupplier of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof BooleanSupplier check ? check : UNKNOWN;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, jakarta.servlet.ServletException {
        org.apache.coyote.Request coyote = request.getCoyoteRequest();
        request.setAttribute(ATTRIBUTE, (BooleanSupplier) () -> connected(coyote));
        getNext().invoke(request, response);
    }

    private static boolean connected(org.apache.coyote.Request coyote) {
        if (!coyote.isFinished()) {
            return true; // body bytes still to come or unread: a read now would take them, so do not tell
        }
        coyote.action(ActionCode.AVAILABLE, Boolean.TRUE);
        if (coyote.getAvailable() <= 0) {
            return true;
        }
        coyote.action(ActionCode.AVAILABLE, Boolean.TRUE);
        return coyote.getAvailable() <= 0;
    }
}
