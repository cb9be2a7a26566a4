package org.hsgcds.evaluation;

import org.hsgcds.content.ValueSetIndex;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.terminology.CodeSystemInfo;
import org.opencds.cqf.cql.engine.terminology.TerminologyProvider;
import org.opencds.cqf.cql.engine.terminology.ValueSetInfo;

/** Value set membership for the CQL engine, answered from the loaded content. */
final class ValueSetTerminology implements TerminologyProvider {

    private final ValueSetIndex valueSets;

    ValueSetTerminology(ValueSetIndex valueSets) {
        this.valueSets = valueSets;
    }

    @Override
    public boolean in(Code code, ValueSetInfo valueSet) {
        return valueSets.contains(valueSet.getId(), code.getSystem(), code.getCode());
    }

    @Override
    public Iterable<Code> expand(ValueSetInfo valueSet) {
        // Expansion is never needed: retrieves and "in" are answered by membership, and ICD-10-CM
        // families (is-a prefixes) cannot be enumerated without the full code system.
        throw new IllegalStateException("Value set expansion is not offered; use membership ('in')");
    }

    @Override
    public Code lookup(Code code, CodeSystemInfo codeSystem) {
        return code;
    }
}
