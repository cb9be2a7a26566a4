package org.hsgcds.web;

import org.hsgcds.hooks.CpuSlots;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

@Configuration
class WebConfiguration {

    /** After the security filters (body limit, client authentication), just before Spring MVC. */
    @Bean
    FilterRegistrationBean<LargeCallAdmissionFilter> largeCallAdmissionFilter(CpuSlots slots,
            @Value("${hsg.evaluation.large-body:64KB}") DataSize largeBody) {
        var registration = new FilterRegistrationBean<>(new LargeCallAdmissionFilter(slots, largeBody.toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.addUrlPatterns("/cds-services/*");
        return registration;
    }
}
