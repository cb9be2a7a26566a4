package org.hsgcds.content;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.elm.r1.Library;
import org.hl7.elm.r1.Literal;
import org.hl7.elm.r1.NamedTypeSpecifier;
import org.hl7.elm.r1.ParameterDef;

/**
 * Ties the site protocol to the rule library's parameter declarations. Each protocol parameter must
 * be declared, with the type the service passes: an undeclared one would let a site set a value that
 * silently changes nothing, and another type would compare a Decimal threshold with an Integer, or
 * fail on the first patient. Either stops loading.
 */
final class ProtocolParameters {

    private ProtocolParameters() {}

    static void check(Library rules, SiteProtocol protocol) {
        Map<String, ParameterDef> declared = rules.getParameters() == null
                ? Map.of()
                : rules.getParameters().getDef().stream()
                        .collect(Collectors.toMap(ParameterDef::getName, Function.identity(), (a, b) -> a));
        List<String> undeclared = new ArrayList<>();
        protocol.cqlParameters().forEach((name, value) -> {
            String expected = value instanceof BigDecimal ? "Decimal" : "Integer";
            ParameterDef def = declared.get(name);
            if (def == null) {
                undeclared.add(name);
                return;
            }
            declaredType(def).filter(type -> !type.equals(expected)).ifPresent(type -> {
                throw new ContentException(
                        "CQL library " + rules.getIdentifier().getId() + " declares parameter \"" + name + "\" as "
                                + type + ", but the site protocol passes it as " + expected);
            });
        });
        if (!undeclared.isEmpty()) {
            throw new ContentException("CQL library " + rules.getIdentifier().getId() + " declares no parameter "
                    + undeclared + ": the site protocol's values for them would not reach the rules");
        }
    }

    /** The declared type, else the type of the default's literal; empty when neither says. */
    private static Optional<String> declaredType(ParameterDef def) {
        if (def.getParameterTypeSpecifier() instanceof NamedTypeSpecifier named && named.getName() != null) {
            return Optional.of(named.getName().getLocalPart());
        }
        if (def.getDefault() instanceof Literal literal && literal.getValueType() != null) {
            return Optional.of(literal.getValueType().getLocalPart());
        }
        return Optional.empty();
    }
}
