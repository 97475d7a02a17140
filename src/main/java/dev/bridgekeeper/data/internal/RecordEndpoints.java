package dev.bridgekeeper.data.internal;

import dev.bridgekeeper.platform.DataType;
import dev.bridgekeeper.platform.DataType.Endpoint;
import dev.bridgekeeper.platform.DataTypes;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Maps every read-API endpoint of the data type registry to its handlers when the application starts: GET on the
 * list path, on {@code path/{id}} where Codat reads one record, or on the single record's path. Exact paths, so any
 * other path under {@code /data} is answered as before (404, or 405 for another method's path).
 */
@Component
class RecordEndpoints {

    private static final Method LIST = method("list", UUID.class, UUID.class, Map.class, ListParams.class);
    private static final Method GET = method("get", UUID.class, UUID.class, Map.class, String.class);
    private static final Method SINGLE = method("single", UUID.class, UUID.class);

    RecordEndpoints(CachedData data, @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
        for (DataType type : DataTypes.synced()) {
            for (Endpoint endpoint : type.endpoints()) {
                RecordEndpoint handler = new RecordEndpoint(data, type, endpoint);
                if (endpoint.list() == null) {
                    register(mapping, endpoint.template(), handler, SINGLE);
                    continue;
                }
                register(mapping, endpoint.template(), handler, LIST);
                if (endpoint.get() != null) {
                    register(mapping, endpoint.template() + "/{" + RecordEndpoint.RECORD_ID + "}", handler, GET);
                }
            }
        }
    }

    private static void register(RequestMappingHandlerMapping mapping, String path, RecordEndpoint handler,
            Method method) {
        RequestMappingInfo info = RequestMappingInfo.paths(path).methods(RequestMethod.GET)
                .options(mapping.getBuilderConfiguration()).build();
        mapping.registerMapping(info, handler, method);
    }

    private static Method method(String name, Class<?>... parameters) {
        Method method = ReflectionUtils.findMethod(RecordEndpoint.class, name, parameters);
        if (method == null) {
            throw new IllegalStateException("RecordEndpoint." + name + " is missing");
        }
        return method;
    }
}
